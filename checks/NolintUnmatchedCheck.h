// nolint-unmatched: a NOLINTBEGIN without its NOLINTEND, or the reverse. See docs/checks/nolint-unmatched.md.
#pragma once

#include "Check.h"

namespace retrylint {

class NolintUnmatchedCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
