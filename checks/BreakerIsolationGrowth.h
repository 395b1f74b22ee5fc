// The isolation time of an isolation breaker (BreakerFacts.h) grows on each trip: a delay
// policy, judged by retry-backoff-no-jitter like any other. BackoffNoJitterCheck calls this.
#pragma once

#include "Check.h"

namespace retrylint {

/// One finding of `rule` per isolation breaker whose isolation time grows with no jitter.
void reportIsolationWithoutJitter(const Program &program, const RuleInfo &rule,
                                  std::vector<Finding> &out);

} // namespace retrylint
