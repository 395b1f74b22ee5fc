// retry-unbudgeted: a retry loop that never consults a retry budget. See docs/checks/retry-unbudgeted.md.
#pragma once

#include "Check.h"

namespace retrylint {

class UnbudgetedCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
