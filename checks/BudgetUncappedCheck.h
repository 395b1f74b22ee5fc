// retry-budget-uncapped: a retry budget whose tokens have no maximum, or whose ceiling is
// 100% or more of requests. See docs/checks/retry-budget-uncapped.md.
#pragma once

#include "Check.h"

namespace retrylint {

class BudgetUncappedCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
