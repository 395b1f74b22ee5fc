// retry-sleep-after-final-attempt: the loop also sleeps after its last failed attempt. See docs/checks/retry-sleep-after-final-attempt.md.
#pragma once

#include "Check.h"

namespace retrylint {

class SleepAfterFinalAttemptCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
