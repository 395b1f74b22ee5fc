#include "retrylint/sim/OutageModel.h"

#include "CallCalendar.h"
#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/Rng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>

namespace retrylint::sim {
namespace {

/// Seed streams: arrivals do not depend on the policy, so compared policies see the same.
enum SeedStream : uint64_t { ArrivalStream = 1, JitterStream = 2, BudgetStream = 3 };

/// Calendar entries with this bit set are a client's next request, not a retry.
constexpr uint32_t kArrivalBit = 1u << 31;

/// A logical request between its first failure and its end.
struct RequestInFlight {
  uint32_t client = 0;
  uint32_t calls = 0;
  bool affected = false;
  bool active = false; // false while the slot waits in the free list
  std::array<uint16_t, kMaxLayers> attempt{};      // current attempt at each layer, 1-based
  std::array<double, kMaxLayers> previousSleepMs{}; // decorrelated jitter's state per layer
};

enum class Outcome { Success, Failure, Hang };

class OutageRun {
public:
  OutageRun(const RetryPolicy &policy, const OutageScenario &scenario)
      : policy_(policy), scenario_(scenario), layers_(policy.layerAttempts()),
        jitterRng_(deriveSeed(scenario.seed, JitterStream)),
        tokens_(static_cast<size_t>(scenario.clients), policy.budget.initialTokens) {
    // Hours of healthy traffic bank credit, up to the maximum.
    if (policy.budget.enabled) {
      const RetryBudget &budget = policy.budget;
      double banked = budget.initialTokens +
                      scenario.uptimeMs / 1000 * scenario.requestsPerSecond * budget.creditPerRequest;
      if (budget.maxTokens > 0)
        banked = std::min(banked, budget.maxTokens);
      tokens_.assign(tokens_.size(), banked);
      // Identical buckets would refill in step and let every client retry in the same period;
      // a random fraction of one retry's cost stands for their different histories. It is
      // applied when the failures start, as full buckets are all equal before.
      Rng phases(deriveSeed(scenario.seed, BudgetStream));
      historyTokens_.resize(tokens_.size());
      for (double &fraction : historyTokens_)
        fraction = phases.uniform01() * budget.costPerRetry;
    }
    result_.label = label(policy);
    result_.policy = policy;
    result_.startMs = -scenario.warmupMs;
    result_.bucketMs = scenario.bucketMs;
    result_.healthyPerBucket =
        scenario.clients * scenario.requestsPerSecond * scenario.bucketMs / 1000;
    endMs_ = scenario.outageMs + scenario.afterMs;
    const auto buckets = static_cast<size_t>(std::ceil((endMs_ - result_.startMs) / scenario.bucketMs));
    result_.callsPerBucket.assign(buckets, 0);
    result_.retriesPerBucket.assign(buckets, 0);
  }

  OutageResult run();

private:
  void arrive(uint32_t client, double atMs);
  void call(uint32_t request, double atMs);
  /// Records a call in its bucket and decides its outcome.
  Outcome reachDependency(double atMs, bool retry);
  /// Moves a failed request to its next retry, or ends it when every layer gave up.
  void afterFailure(uint32_t request, double answeredAtMs);
  bool budgetPays(uint32_t client);
  uint32_t admit(uint32_t client, bool affected);
  void finish(uint32_t request, bool failed);

  size_t bucketOf(double atMs) const {
    const double index = std::floor((atMs - result_.startMs) / scenario_.bucketMs);
    return std::min(result_.callsPerBucket.size() - 1, static_cast<size_t>(std::max(0.0, index)));
  }

  const RetryPolicy &policy_;
  const OutageScenario &scenario_;
  const std::vector<int> layers_;
  Rng jitterRng_;
  std::vector<double> tokens_; // one retry budget per client
  std::vector<double> historyTokens_; // per client: applied at its first request from -stall on
  std::deque<double> recentCallsMs_; // calls in the last bucket width, for the capacity
  std::vector<RequestInFlight> requests_;
  std::vector<uint32_t> freeRequests_;
  // 1 ms slots over 8 s: every sleep up to 8 s, and a request period up to 8 s, is O(1).
  CallCalendar pending_{-scenario_.warmupMs, 1.0, 8192};
  uint64_t order_ = 0;
  double endMs_ = 0;
  OutageResult result_;
};

OutageResult OutageRun::run() {
  // Stratified phases (client i sends in the i-th slice of each period) keep the healthy
  // load flat, so the plot shows the policy rather than arrival noise.
  const double periodMs = 1000 / scenario_.requestsPerSecond;
  std::vector<double> phaseMs(tokens_.size());
  Rng arrivals(deriveSeed(scenario_.seed, ArrivalStream));
  for (size_t i = 0; i < phaseMs.size(); ++i)
    phaseMs[i] = (static_cast<double>(i) + arrivals.uniform01()) / phaseMs.size() * periodMs;

  // Each client's next request waits in the same calendar as the retries, so the queue
  // only ever moves forward in time.
  for (uint32_t client = 0; client < phaseMs.size(); ++client)
    pending_.push({result_.startMs + phaseMs[client], order_++, kArrivalBit | client});
  while (!pending_.empty()) {
    const PendingCall next = pending_.top();
    if (next.atMs >= endMs_)
      break;
    pending_.pop();
    if (next.request & kArrivalBit) {
      const uint32_t client = next.request & ~kArrivalBit;
      arrive(client, next.atMs);
      pending_.push({next.atMs + periodMs, order_++, next.request});
    } else {
      call(next.request, next.atMs);
    }
  }
  // Requests still waiting to retry count with the calls they made so far.
  for (const RequestInFlight &state : requests_)
    if (state.active) {
      ++result_.inFlightAtEnd;
      if (state.affected) {
        ++result_.affectedRequests;
        result_.affectedCalls += state.calls;
      }
    }
  summarizeOutage(result_, scenario_);
  return std::move(result_);
}

void OutageRun::arrive(uint32_t client, double atMs) {
  ++result_.requests;
  if (policy_.budget.enabled) {
    tokens_[client] += policy_.budget.creditPerRequest;
    if (historyTokens_[client] >= 0 && atMs >= -scenario_.stallMs) {
      // A full bucket sits below its maximum by the fraction, any other above its level.
      const double max = policy_.budget.maxTokens;
      const bool full = max > 0 && tokens_[client] + historyTokens_[client] > max;
      tokens_[client] = full ? std::max(0.0, std::min(tokens_[client], max) - historyTokens_[client])
                             : tokens_[client] + historyTokens_[client];
      historyTokens_[client] = -1; // applied
    }
    if (policy_.budget.maxTokens > 0)
      tokens_[client] = std::min(tokens_[client], policy_.budget.maxTokens);
  }
  const bool affected = atMs >= -scenario_.stallMs && atMs < scenario_.outageMs;
  const Outcome outcome = reachDependency(atMs, /*retry=*/false);
  if (outcome == Outcome::Success) { // the common healthy case needs no request state
    if (affected) {
      ++result_.affectedRequests;
      ++result_.affectedCalls;
    }
    return;
  }
  const uint32_t request = admit(client, affected);
  afterFailure(request, outcome == Outcome::Hang ? 0.0 : atMs + scenario_.latencyMs);
}

void OutageRun::call(uint32_t request, double atMs) {
  ++requests_[request].calls;
  const Outcome outcome = reachDependency(atMs, /*retry=*/true);
  if (outcome == Outcome::Success)
    finish(request, /*failed=*/false);
  else
    afterFailure(request, outcome == Outcome::Hang ? 0.0 : atMs + scenario_.latencyMs);
}

Outcome OutageRun::reachDependency(double atMs, bool retry) {
  const size_t bucket = bucketOf(atMs);
  ++result_.callsPerBucket[bucket];
  ++result_.calls;
  if (retry) {
    ++result_.retriesPerBucket[bucket];
    ++result_.retries;
  }
  if (atMs < -scenario_.stallMs)
    return Outcome::Success;
  if (atMs < 0)
    return Outcome::Hang;
  if (atMs < scenario_.outageMs)
    return Outcome::Failure;
  if (scenario_.capacity <= 0)
    return Outcome::Success;
  // Up only while its load stays under capacity: the calls of the last bucket width,
  // failed ones included, since every call costs the dependency work. Over it, every call
  // fails, so retry load alone can hold it down (a metastable failure).
  recentCallsMs_.push_back(atMs);
  while (recentCallsMs_.front() <= atMs - scenario_.bucketMs)
    recentCallsMs_.pop_front();
  return recentCallsMs_.size() <= scenario_.capacity * result_.healthyPerBucket ? Outcome::Success
                                                                                : Outcome::Failure;
}

void OutageRun::afterFailure(uint32_t request, double answeredAtMs) {
  RequestInFlight &state = requests_[request];
  // The innermost layer sees the failure first; a layer that has given up (out of
  // attempts, or the budget refused) passes the failure to the layer around it.
  for (int layer = static_cast<int>(layers_.size()) - 1; layer >= 0; --layer) {
    if (state.attempt[layer] >= layers_[layer] || !budgetPays(state.client))
      continue;
    const int retry = state.attempt[layer]++;
    for (size_t inner = layer + 1; inner < layers_.size(); ++inner) {
      state.attempt[inner] = 1; // a retried outer call runs the inner layers afresh
      state.previousSleepMs[inner] = startingSleepMs(policy_);
    }
    const double sleep = backoffSleepMs(policy_, retry - 1, state.previousSleepMs[layer], jitterRng_);
    pending_.push({answeredAtMs + sleep, order_++, request});
    return;
  }
  finish(request, /*failed=*/true);
}

bool OutageRun::budgetPays(uint32_t client) {
  if (!policy_.budget.enabled)
    return true;
  if (tokens_[client] < policy_.budget.costPerRetry) {
    ++result_.budgetDenials;
    return false;
  }
  tokens_[client] -= policy_.budget.costPerRetry;
  return true;
}

uint32_t OutageRun::admit(uint32_t client, bool affected) {
  uint32_t request;
  if (freeRequests_.empty()) {
    request = static_cast<uint32_t>(requests_.size());
    requests_.emplace_back();
  } else {
    request = freeRequests_.back();
    freeRequests_.pop_back();
  }
  RequestInFlight &state = requests_[request];
  state.client = client;
  state.calls = 1;
  state.affected = affected;
  state.active = true;
  state.attempt.fill(1);
  state.previousSleepMs.fill(startingSleepMs(policy_));
  return request;
}

void OutageRun::finish(uint32_t request, bool failed) {
  RequestInFlight &state = requests_[request];
  state.active = false;
  if (state.affected) {
    ++result_.affectedRequests;
    result_.affectedCalls += state.calls;
  }
  if (failed) {
    ++result_.failedRequests;
    result_.failedCalls += state.calls;
  }
  freeRequests_.push_back(request);
}

} // namespace

OutageResult simulateOutage(const RetryPolicy &policy, const OutageScenario &scenario) {
  return OutageRun(policy, scenario).run();
}

} // namespace retrylint::sim
