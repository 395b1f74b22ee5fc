// One run of the checks over a linked program: what the command line reports and what the
// language server publishes, so that both say the same thing.
#pragma once

#include "Check.h"
#include "facts/Finding.h"
#include "link/Program.h"
#include "link/ProjectScope.h"

#include <vector>

namespace retrylint {

/// Every selected check over `program`, kept in the project scope; sorted by file, line,
/// column and rule. The command line decides from these what NOLINT and a baseline suppress.
std::vector<Finding> findingsInScope(const Program &program, const std::vector<const Check *> &checks,
                                     const ProjectScope &scope);

/// findingsInScope less those a NOLINT comment suppresses: what an editor shows.
std::vector<Finding> runChecks(const Program &program, const std::vector<const Check *> &checks,
                               const ProjectScope &scope);

} // namespace retrylint
