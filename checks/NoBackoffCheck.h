// retry-no-backoff: immediate or constant-delay retries hammer a failing dependency. See docs/checks/retry-no-backoff.md.
#pragma once

#include "Check.h"

namespace retrylint {

class NoBackoffCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
