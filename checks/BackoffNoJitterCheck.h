// retry-backoff-no-jitter: a growing delay with no randomness re-synchronises clients
// that failed together. See docs/checks/retry-backoff-no-jitter.md.
#pragma once

#include "Check.h"

namespace retrylint {

class BackoffNoJitterCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
