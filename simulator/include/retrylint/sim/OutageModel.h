// Scenario 1: a fleet of clients keeps sending requests while the dependency is down, and
// we count every call that reaches it, per time bucket.
#pragma once

#include "retrylint/sim/RetryPolicy.h"

#include <cstdint>
#include <string>
#include <vector>

namespace retrylint::sim {

/// The timeline, with t = 0 the moment the dependency starts answering with errors:
///   [-warmup, -stall)  healthy: every call succeeds;
///   [-stall, 0)        stalled: calls hang, and at t = 0 all of them fail together (the
///                      "blip" that makes clients fail, and so retry, in step);
///   [0, outage)        down: every call fails after `latencyMs`;
///   [outage, +after)   recovered: calls succeed; with a capacity, only while the calls of
///                      the last bucket width stay within capacity x healthy: over it,
///                      every call fails, so retries alone can keep it down.
struct OutageScenario {
  int clients = 10000;
  double requestsPerSecond = 1; // per client; each client sends on a fixed period
  double warmupMs = 2000;
  double stallMs = 1000; // one request period: every client has one request in the herd
  double outageMs = 30000;
  double afterMs = 10000;
  double latencyMs = 0; // 0 keeps the spikes exactly at the sums of the sleeps
  double capacity = 0;  // 0: unlimited after recovery; else a multiple of the healthy rate
  double bucketMs = 10;
  /// Healthy time before the run, over which each client's retry budget banked its credit
  /// (up to its maximum): a bucket with no maximum enters the outage with hours of tokens.
  double uptimeMs = 3600000;
  uint64_t seed = 1;
};

/// A run of adjacent buckets that each hold at least half the peak, thrice the healthy load and
/// 1.5 times the steady load.
struct LoadSpike {
  double startMs = 0;
  double widthMs = 0;
  double peakRatio = 0; // the largest bucket of the run over the healthy bucket
};

struct OutageResult {
  std::string label;
  RetryPolicy policy;
  // The load, one entry per bucket starting at startMs.
  double startMs = 0, bucketMs = 0, healthyPerBucket = 0;
  std::vector<uint32_t> callsPerBucket, retriesPerBucket;
  // Counters. "Affected" requests began while the dependency stalled or was down.
  uint64_t requests = 0, calls = 0, retries = 0, budgetDenials = 0;
  uint64_t affectedRequests = 0, affectedCalls = 0;
  uint64_t failedRequests = 0, failedCalls = 0;
  uint64_t inFlightAtEnd = 0;
  // The report (computed by summarizeOutage).
  double peakRatio = 0, peakAtMs = 0;
  double steadyRatio = 0;           // mean load over the outage's second half / healthy
  double amplification = 0;         // calls per affected request
  double callsPerFailedRequest = 0; // calls per request that failed at every layer
  double retryShare = 0;            // retries / calls from t = 0 until drained
  double drainMs = -1;              // recovery to the last retry; -1: did not drain
  std::vector<LoadSpike> spikes;
};

/// Runs the discrete-event simulation. Cost is linear in the calls made: about
/// clients x rate x duration x calls per request, each a heap operation on the
/// requests waiting to retry.
OutageResult simulateOutage(const RetryPolicy &policy, const OutageScenario &scenario);

/// Fills the report fields of `result` from its buckets and counters.
void summarizeOutage(OutageResult &result, const OutageScenario &scenario);

bool validateScenario(const OutageScenario &scenario, std::string &error);

} // namespace retrylint::sim
