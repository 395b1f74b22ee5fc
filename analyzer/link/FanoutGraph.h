// The link's call graph: functions joined by USR across TUs, with a layer on each edge that
// a retry multiplies. Internal to the fan-out model (Fanout.h is its interface).
#pragma once

#include "link/Fanout.h"

#include <vector>

namespace retrylint {

struct Budget;

/// One chain per retry site, the worst one below it, sorted by site (worst first per site).
/// Recurses once per call depth: run it on a thread with a large stack (computeFanout).
std::vector<FanoutChain> fanoutChains(const std::vector<TUFacts> &tus,
                                      const std::vector<Budget> &budgets);

} // namespace retrylint
