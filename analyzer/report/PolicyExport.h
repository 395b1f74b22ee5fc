// The bridge from analysis to simulation: a function's retry policy, as the analyzer
// extracted it, in the JSON policy schema that `retrylint simulate --policy` reads
// (docs/simulate.md).
#pragma once

#include "link/Program.h"

#include <nlohmann/json.hpp>

#include <string>

namespace retrylint {

/// The policy of the retry loop in `function` (qualified, or its last components), with the
/// nested layers below it when it is the outer layer of a fan-out chain. Sets `error` and
/// returns null when there is no such loop, or its attempts or delays are not constants.
nlohmann::ordered_json exportPolicy(const Program &program, const std::string &function,
                                    std::string &error);

} // namespace retrylint
