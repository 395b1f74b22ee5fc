#include "retrylint/sim/Backoff.h"

#include <algorithm>

namespace retrylint::sim {

double cappedExponentialMs(const RetryPolicy &policy, int exponent) {
  double sleep = policy.baseMs;
  for (int i = 0; i < exponent; ++i) {
    sleep *= policy.multiplier;
    if (policy.capMs > 0 && sleep >= policy.capMs)
      break; // stop early: larger exponents would only overflow towards infinity
  }
  return policy.capMs > 0 ? std::min(policy.capMs, sleep) : sleep;
}

double backoffSleepMs(const RetryPolicy &policy, int exponent, double &previousSleepMs,
                      Rng &rng) {
  const double exponential = cappedExponentialMs(policy, exponent);
  switch (policy.jitter) {
  case JitterKind::None:
    return exponential;
  case JitterKind::Full:
    return rng.uniform(0, exponential);
  case JitterKind::Equal:
    return exponential / 2 + rng.uniform(0, exponential / 2);
  case JitterKind::Proportional:
    return std::max(0.0, exponential * (1 + policy.jitterProportion * rng.uniform(-1, 1)));
  case JitterKind::Decorrelated: {
    // AWS "decorrelated jitter": grows from the previous sleep, not from the attempt count.
    double sleep = rng.uniform(policy.baseMs, previousSleepMs * 3);
    if (policy.capMs > 0)
      sleep = std::min(policy.capMs, sleep);
    previousSleepMs = sleep;
    return sleep;
  }
  }
  return exponential;
}

std::vector<double> unjitteredRetryOffsetsMs(const RetryPolicy &policy, double latencyMs) {
  std::vector<double> offsets;
  double at = 0;
  for (int retry = 1; retry < policy.attempts; ++retry) {
    at += cappedExponentialMs(policy, retry - 1) + (retry > 1 ? latencyMs : 0);
    offsets.push_back(at);
  }
  return offsets;
}

} // namespace retrylint::sim
