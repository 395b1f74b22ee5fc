// The bridge from analysis to simulation: a function's retry policy, as the analyzer
// extracted it, in the JSON policy schema that `retrylint simulate --policy` reads
// (docs/simulate.md).
#pragma once

#include "link/Program.h"

#include <nlohmann/json.hpp>

#include <string>

namespace retrylint {

/// The policy of the retry loop in `function` (qualified, or its last components), with the
/// nested layers below it when it is the outer layer of a fan-out chain. A jittered delay is
/// exported from its bounds (SleepSite::lowestMs / highestMs). When no loop matches, the
/// circuit breaker of that name (a class, or one of its methods): its cooldown and how many
/// callers it admits while half-open. What the model could not see is said in "notes".
/// Sets `error` and returns null when there is no such loop or breaker, or the loop's attempts
/// or delays are not known.
nlohmann::ordered_json exportPolicy(const Program &program, const std::string &function,
                                    std::string &error);

} // namespace retrylint
