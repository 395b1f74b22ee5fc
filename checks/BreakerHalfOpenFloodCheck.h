// breaker-half-open-flood: a circuit breaker that lets every caller that finds it half-open
// run the protected call. See docs/checks/breaker-half-open-flood.md.
#pragma once

#include "Check.h"

namespace retrylint {

class BreakerHalfOpenFloodCheck : public Check {
public:
  const RuleInfo &rule() const override;
  void check(const Program &program, std::vector<Finding> &out) const override;
};

} // namespace retrylint
