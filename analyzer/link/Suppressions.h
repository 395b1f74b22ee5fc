// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND, with clang-tidy's semantics. The per-TU
// step records the comments of the files that hold facts (frontend/SuppressionScan.h); the
// link step applies them, so a sharded run suppresses exactly what a direct run does.
#pragma once

#include "facts/Facts.h"
#include "facts/Finding.h"

#include <utility>
#include <vector>

namespace retrylint {

struct Program;

/// Drops the findings a NOLINT comment covers.
void applySuppressions(const Program &program, std::vector<Finding> &findings);

/// Moves the findings a NOLINT comment covers out of `findings`, in order, each with the
/// comment (for a region, its NOLINTBEGIN) that covers it.
std::vector<std::pair<Finding, const Suppression *>> takeSuppressed(const Program &program,
                                                                     std::vector<Finding> &findings);

/// NOLINTBEGIN without a matching NOLINTEND, and NOLINTEND without a BEGIN: they suppress
/// nothing and are reported.
std::vector<const Suppression *> unmatchedSuppressions(const Program &program);

} // namespace retrylint
