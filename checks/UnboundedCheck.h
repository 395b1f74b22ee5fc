// retry-unbounded: a retry loop with no attempt cap and no deadline. See docs/checks/retry-unbounded.md.
#pragma once

#include "Check.h"

namespace retrylint {

class UnboundedCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
