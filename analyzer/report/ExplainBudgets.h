// `retrylint --explain-budgets`: each retry budget the analysis recognised, with its credit,
// cost, maximum, threshold, where it is consulted, and the ceiling those numbers give.
#pragma once

#include "link/Program.h"

#include <ostream>
#include <string>

namespace retrylint {

/// Paths are shown relative to `sourceRoot`, as in the text report.
void writeBudgetExplanation(const Program &program, const std::string &sourceRoot,
                            std::ostream &out);

/// The same budgets as JSON (--explain-budgets --format=json): their facts, ceiling included.
void writeBudgetsJson(const Program &program, std::ostream &out);

} // namespace retrylint
