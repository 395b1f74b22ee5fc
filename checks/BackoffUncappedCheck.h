// retry-backoff-uncapped: a growing delay with no upper bound. See docs/checks/retry-backoff-uncapped.md.
#pragma once

#include "Check.h"

namespace retrylint {

class BackoffUncappedCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
