// breaker-unsynchronized-state: a write of a breaker's plain state that no lock or atomic
// guards, in a breaker that callers use concurrently.
// See docs/checks/breaker-unsynchronized-state.md.
#pragma once

#include "Check.h"

namespace retrylint {

class BreakerUnsynchronizedStateCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
