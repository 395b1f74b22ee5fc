#include "RunChecks.h"

#include "link/Suppressions.h"

namespace retrylint {

std::vector<Finding> findingsInScope(const Program &program, const std::vector<const Check *> &checks,
                                     const ProjectScope &scope) {
  std::vector<Finding> findings;
  for (const Check *c : checks)
    c->check(program, findings);
  scope.filter(program, findings);
  sortFindings(findings);
  return findings;
}

std::vector<Finding> runChecks(const Program &program, const std::vector<const Check *> &checks,
                               const ProjectScope &scope) {
  std::vector<Finding> findings = findingsInScope(program, checks, scope);
  applySuppressions(program, findings);
  sortFindings(findings);
  return findings;
}

} // namespace retrylint
