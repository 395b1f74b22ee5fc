// The numbers a person reads off an outage run: peak, amplification, drain, retry share.
#include "retrylint/sim/OutageModel.h"

#include <algorithm>
#include <cmath>

namespace retrylint::sim {

/// Spikes are listed from the start of the failures on; at most this many.
constexpr size_t kMaxSpikes = 16;

static void findSpikes(OutageResult &result, size_t firstBucket) {
  // A spike stands out of the plateau too: nested retries hold 27x for the whole outage.
  const double threshold = std::max({3 * result.healthyPerBucket, 0.5 * result.peakRatio * result.healthyPerBucket,
                                     1.5 * result.steadyRatio * result.healthyPerBucket});
  LoadSpike *open = nullptr;
  for (size_t b = firstBucket; b < result.callsPerBucket.size(); ++b) {
    const double calls = result.callsPerBucket[b];
    if (calls < threshold || calls == 0) {
      open = nullptr;
      continue;
    }
    const double ratio = calls / result.healthyPerBucket;
    if (open) {
      open->widthMs += result.bucketMs;
      open->peakRatio = std::max(open->peakRatio, ratio);
      continue;
    }
    if (result.spikes.size() == kMaxSpikes)
      return;
    result.spikes.push_back({result.startMs + b * result.bucketMs, result.bucketMs, ratio});
    open = &result.spikes.back();
  }
}

void summarizeOutage(OutageResult &result, const OutageScenario &scenario) {
  const auto &calls = result.callsPerBucket;
  const auto peak = std::max_element(calls.begin(), calls.end());
  const size_t peakBucket = static_cast<size_t>(peak - calls.begin());
  result.peakRatio = result.healthyPerBucket > 0 ? *peak / result.healthyPerBucket : 0;
  result.peakAtMs = result.startMs + peakBucket * result.bucketMs;
  result.amplification =
      result.affectedRequests ? double(result.affectedCalls) / result.affectedRequests : 0;
  result.callsPerFailedRequest =
      result.failedRequests ? double(result.failedCalls) / result.failedRequests : 0;

  // Failures start at t = 0: the bucket holding t = 0 comes after the warm-up.
  const auto zeroBucket = static_cast<size_t>(std::floor(-result.startMs / result.bucketMs));
  const auto recoveryBucket =
      static_cast<size_t>(std::floor((scenario.outageMs - result.startMs) / result.bucketMs));
  size_t lastRetryBucket = 0;
  bool retriedAfterRecovery = false;
  for (size_t b = recoveryBucket; b < calls.size(); ++b)
    if (result.retriesPerBucket[b] > 0) {
      lastRetryBucket = b;
      retriedAfterRecovery = true;
    }
  // Drained: nobody waits to retry at the end. Then the drain ends with the last retry.
  size_t shareEnd = calls.size();
  if (result.inFlightAtEnd == 0) {
    result.drainMs = retriedAfterRecovery
                         ? result.startMs + (lastRetryBucket + 1) * result.bucketMs - scenario.outageMs
                         : 0;
    shareEnd = retriedAfterRecovery ? lastRetryBucket + 1 : std::min(calls.size(), recoveryBucket);
  } else {
    result.drainMs = -1;
  }
  uint64_t windowCalls = 0, windowRetries = 0;
  for (size_t b = std::min(zeroBucket, calls.size()); b < shareEnd; ++b) {
    windowCalls += calls[b];
    windowRetries += result.retriesPerBucket[b];
  }
  result.retryShare = windowCalls ? double(windowRetries) / windowCalls : 0;
  const auto halfBucket = static_cast<size_t>(
      std::floor((scenario.outageMs / 2 - result.startMs) / result.bucketMs));
  uint64_t lateCalls = 0;
  size_t lateBuckets = 0;
  for (size_t b = halfBucket; b < std::min(recoveryBucket, calls.size()); ++b, ++lateBuckets)
    lateCalls += calls[b];
  result.steadyRatio =
      lateBuckets && result.healthyPerBucket > 0 ? lateCalls / (lateBuckets * result.healthyPerBucket) : 0;
  findSpikes(result, std::min(zeroBucket, calls.size()));
}

bool validateScenario(const OutageScenario &scenario, std::string &error) {
  if (scenario.clients < 1 || scenario.clients > 10'000'000)
    error = "clients must be between 1 and 10000000";
  else if (!(scenario.requestsPerSecond > 0) || scenario.requestsPerSecond > 1e6)
    error = "rate must be a positive number of requests per second per client";
  else if (!(scenario.bucketMs > 0))
    error = "bucket must be a positive duration";
  else if (scenario.stallMs > scenario.warmupMs)
    error = "stall must fit inside the warm-up (stall <= warmup)";
  else if (!(scenario.uptimeMs >= 0))
    error = "uptime must not be negative";
  else if (!(scenario.capacity >= 0))
    error = "capacity must not be negative";
  else if (scenario.clients * scenario.requestsPerSecond *
               (scenario.warmupMs + scenario.outageMs + scenario.afterMs) / 1000 > 5e8)
    error = "more than 500 million requests: lower --clients, --rate or the durations";
  else if ((scenario.warmupMs + scenario.outageMs + scenario.afterMs) / scenario.bucketMs > 1e7)
    error = "too many buckets: lengthen --bucket or shorten the run";
  else
    return true;
  return false;
}

} // namespace retrylint::sim
