// Whether a retry loop asks a retry budget or throttle before each retry, and which.
#pragma once

#include "frontend/loops/LoopAnatomy.h"

#include <string>
#include <vector>

namespace retrylint {

/// The budget or throttle consulted before each retry, directly or through a same-TU helper.
/// A consultation counts when it can stop the retry (its answer is tested, or it blocks),
/// runs on every retry (not behind `attempt == 1` or a first-time flag), and comes before
/// the retry it gates. `gateUsrs` receives the callees of every such call that returns
/// bool or nothing, so that the link can match predicates of recognised budgets and their
/// helpers in any TU (docs/checks/retry-unbudgeted.md).
std::string consultedBudget(const LoopAnatomy &a, std::vector<std::string> &gateUsrs);

} // namespace retrylint
