// The sleep between attempts, for every jitter kind, in one home shared by both models.
#pragma once

#include "retrylint/sim/RetryPolicy.h"
#include "retrylint/sim/Rng.h"

#include <vector>

namespace retrylint::sim {

/// min(cap, base * multiplier^exponent). Repeated multiplication instead of std::pow keeps
/// the value exact for integer multipliers and identical on every libm.
double cappedExponentialMs(const RetryPolicy &policy, int exponent);

/// One sleep. The outage model passes exponent = retry - 1 (100, 200, 400 ms: the classic
/// incident); the contention model passes exponent = retry, as the AWS study does.
/// `previousSleepMs` carries decorrelated jitter's state; start it at startingSleepMs().
double backoffSleepMs(const RetryPolicy &policy, int exponent, double &previousSleepMs,
                      Rng &rng);

/// Decorrelated jitter's state before the first retry: the base.
inline double startingSleepMs(const RetryPolicy &policy) { return policy.baseMs; }

/// Offsets from a synchronised failure at t = 0 at which an un-jittered single-layer policy
/// re-calls: sum of the first k sleeps plus (k - 1) failure latencies, k = 1 .. attempts - 1.
/// For base 100 ms, x2 and no latency: 100, 300, 700, 1500 ms, i.e. base * (2^k - 1).
std::vector<double> unjitteredRetryOffsetsMs(const RetryPolicy &policy, double latencyMs);

} // namespace retrylint::sim
