// retry-nested-fanout: retrying layers that call each other multiply. See
// docs/checks/retry-nested-fanout.md.
#pragma once

#include "Check.h"

namespace retrylint {

class NestedFanoutCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
