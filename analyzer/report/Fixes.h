// Fix-its out of the report: --export-fixes writes them in clang-apply-replacements' YAML
// (as clang-tidy --export-fixes does), --fix applies them to the sources.
#pragma once

#include "facts/Finding.h"

#include <ostream>
#include <string>
#include <vector>

namespace retrylint {

/// Writes the fix-its of `findings` as clang-tidy's exported fixes. Returns an error or "".
std::string exportFixes(const std::vector<Finding> &findings, std::ostream &out);

/// Applies the fix-its of `findings` to their files (each file written atomically); a fix that
/// overlaps one already applied, or whose text is no longer there, is skipped. Returns an
/// error or ""; `applied` counts the fixes made.
std::string applyFixes(const std::vector<Finding> &findings, size_t &applied);

} // namespace retrylint
