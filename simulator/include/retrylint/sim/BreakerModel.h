// Scenario 3: N concurrent callers share one circuit breaker in front of a dependency that
// goes down, then recovers slowly. Classic incident 4: a breaker that lets every caller
// through while half-open floods the recovering dependency; one that admits a single probe
// does not.
#pragma once

#include "retrylint/sim/RetryPolicy.h"

#include <cstdint>
#include <string>
#include <vector>

namespace retrylint::sim {

/// The timeline, with t = 0 the moment the dependency goes down:
///   [-warmup, 0)             healthy: every call succeeds;
///   [0, outage)              down: every call fails;
///   [outage, outage + ramp)  recovering: its capacity rises linearly from 0 to the healthy
///                            load; while the calls of the last bucket width stay within it,
///                            calls succeed; over it, every call fails (each costs it work, as
///                            with the outage's --capacity), so a flood gets nothing served;
///   [outage + ramp, +after)  recovered: every call succeeds.
/// Every call answers `latencyMs` after it is sent; callers do not retry.
struct BreakerScenario {
  int callers = 1000;
  double requestsPerSecond = 10; // per caller, on a fixed period (open loop)
  double warmupMs = 2000;
  double outageMs = 20000;
  double rampMs = 20000;
  double afterMs = 40000; // simulated after the outage ends
  double latencyMs = 100;
  double bucketMs = 10;
  uint64_t seed = 1;
};

/// One visit of the half-open state: from the caller that moved it there to the answer that
/// closed or re-opened it.
struct HalfOpenWindow {
  double startMs = 0;
  uint64_t admitted = 0; // calls that reached the dependency while it lasted
};

struct BreakerResult {
  std::string label;
  RetryPolicy policy;
  double startMs = 0, bucketMs = 0, healthyPerBucket = 0;
  std::vector<uint32_t> callsPerBucket, servedPerBucket;
  uint64_t requests = 0, calls = 0, served = 0;
  uint64_t failedFast = 0;            // refused by the breaker, no call made
  uint64_t overloaded = 0;            // calls that failed because the load exceeded capacity
  uint64_t callsWhileDown = 0;        // calls in [0, outage)
  uint64_t callsWhileRecovering = 0;  // calls in [outage, outage + ramp)
  std::vector<HalfOpenWindow> halfOpenWindows;
  uint64_t halfOpenCalls = 0;        // calls admitted while half-open, over all visits
  uint64_t largestHalfOpenBurst = 0; // calls admitted in one visit
  /// From the end of the outage until the breaker closed for the last time (it stays closed
  /// to the end of the run); 0 when it was closed by then; -1 when it is not closed at the end.
  double recoveredAfterMs = -1;
  double servedShareAfterOutage = 0; // requests served / requests sent, from the outage's end
};

BreakerResult simulateBreaker(const RetryPolicy &policy, const BreakerScenario &scenario);

/// The capacity of the dependency at `atMs`, in calls per bucket width (a large number when
/// it is unlimited), and 0 while it is down.
double breakerCapacityPerBucket(const BreakerScenario &scenario, double atMs);

bool validateScenario(const BreakerScenario &scenario, std::string &error);

} // namespace retrylint::sim
