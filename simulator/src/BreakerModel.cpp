#include "retrylint/sim/BreakerModel.h"

#include "retrylint/sim/Rng.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace retrylint::sim {
namespace {

/// Seed streams (see OutageModel.cpp): compared breakers see the same arrivals.
enum SeedStream : uint64_t { ArrivalStream = 1 };

enum class BreakerState { Closed, Open, HalfOpen };

/// A call's answer, due `latencyMs` after the call; answers come back in call order.
struct PendingAnswer {
  double atMs = 0;
  bool success = false;
  bool halfOpen = false; // admitted while half-open: its answer closes or re-opens the breaker
};

class BreakerRun {
public:
  BreakerRun(const RetryPolicy &policy, const BreakerScenario &scenario)
      : breaker_(policy.breaker), scenario_(scenario) {
    result_.label = label(policy);
    result_.policy = policy;
    result_.startMs = -scenario.warmupMs;
    result_.bucketMs = scenario.bucketMs;
    result_.healthyPerBucket =
        scenario.callers * scenario.requestsPerSecond * scenario.bucketMs / 1000;
    endMs_ = scenario.outageMs + scenario.afterMs;
    const auto buckets = static_cast<size_t>(std::ceil((endMs_ - result_.startMs) / scenario.bucketMs));
    result_.callsPerBucket.assign(buckets, 0);
    result_.servedPerBucket.assign(buckets, 0);
  }

  BreakerResult run();

private:
  void arrive(double atMs);
  void answer(const PendingAnswer &answer);
  bool dependencyServes(double atMs);
  void close(double atMs);
  void open(double atMs);

  size_t bucketOf(double atMs) const {
    const double index = std::floor((atMs - result_.startMs) / scenario_.bucketMs);
    return std::min(result_.callsPerBucket.size() - 1, static_cast<size_t>(std::max(0.0, index)));
  }

  const BreakerPolicy &breaker_;
  const BreakerScenario &scenario_;
  BreakerState state_ = BreakerState::Closed;
  int consecutiveFailures_ = 0;
  double openedAtMs_ = 0;
  int probesInFlight_ = 0;
  double lastClosedAtMs_ = -std::numeric_limits<double>::infinity();
  std::deque<PendingAnswer> answers_;
  std::deque<double> recentCallsMs_; // calls of the last bucket width, for the capacity
  uint64_t requestsAfterOutage_ = 0, servedAfterOutage_ = 0;
  double endMs_ = 0;
  BreakerResult result_;
};

BreakerResult BreakerRun::run() {
  // Stratified phases, as in the outage model: a flat healthy load.
  const double periodMs = 1000 / scenario_.requestsPerSecond;
  std::vector<double> phaseMs(static_cast<size_t>(scenario_.callers));
  Rng arrivals(deriveSeed(scenario_.seed, ArrivalStream));
  for (size_t i = 0; i < phaseMs.size(); ++i)
    phaseMs[i] = (static_cast<double>(i) + arrivals.uniform01()) / phaseMs.size() * periodMs;
  for (double periodStart = result_.startMs; periodStart < endMs_; periodStart += periodMs)
    for (double phase : phaseMs) {
      const double at = periodStart + phase;
      if (at >= endMs_)
        break;
      while (!answers_.empty() && answers_.front().atMs <= at) {
        answer(answers_.front());
        answers_.pop_front();
      }
      arrive(at);
    }
  for (; !answers_.empty() && answers_.front().atMs < endMs_; answers_.pop_front())
    answer(answers_.front());

  for (const HalfOpenWindow &window : result_.halfOpenWindows) {
    result_.halfOpenCalls += window.admitted;
    result_.largestHalfOpenBurst = std::max(result_.largestHalfOpenBurst, window.admitted);
  }
  if (state_ == BreakerState::Closed)
    result_.recoveredAfterMs = std::max(0.0, lastClosedAtMs_ - scenario_.outageMs);
  result_.servedShareAfterOutage =
      requestsAfterOutage_ ? double(servedAfterOutage_) / requestsAfterOutage_ : 0;
  return std::move(result_);
}

void BreakerRun::arrive(double atMs) {
  ++result_.requests;
  const bool afterOutage = atMs >= scenario_.outageMs;
  requestsAfterOutage_ += afterOutage;
  if (state_ == BreakerState::Open) {
    if (atMs - openedAtMs_ < breaker_.cooldownMs) {
      ++result_.failedFast;
      return;
    }
    state_ = BreakerState::HalfOpen; // this caller moves it; the next ones find it half-open
    result_.halfOpenWindows.push_back({atMs, 0});
  }
  const bool halfOpen = state_ == BreakerState::HalfOpen;
  if (halfOpen) {
    if (breaker_.halfOpenLimit > 0 && probesInFlight_ >= breaker_.halfOpenLimit) {
      ++result_.failedFast;
      return;
    }
    ++probesInFlight_;
    ++result_.halfOpenWindows.back().admitted;
  }
  const size_t bucket = bucketOf(atMs);
  ++result_.callsPerBucket[bucket];
  ++result_.calls;
  if (atMs >= 0 && atMs < scenario_.outageMs)
    ++result_.callsWhileDown;
  else if (afterOutage && atMs < scenario_.outageMs + scenario_.rampMs)
    ++result_.callsWhileRecovering;
  const bool served = dependencyServes(atMs);
  if (served) {
    ++result_.servedPerBucket[bucket];
    ++result_.served;
    servedAfterOutage_ += afterOutage;
  }
  answers_.push_back({atMs + scenario_.latencyMs, served, halfOpen});
}

bool BreakerRun::dependencyServes(double atMs) {
  if (atMs < 0)
    return true;
  if (atMs < scenario_.outageMs)
    return false;
  if (atMs >= scenario_.outageMs + scenario_.rampMs)
    return true;
  // As the outage model's --capacity: every call costs the dependency work, failed or not,
  // and over its capacity it fails them all. A flood does not get part of it served.
  recentCallsMs_.push_back(atMs);
  while (recentCallsMs_.front() <= atMs - scenario_.bucketMs)
    recentCallsMs_.pop_front();
  if (recentCallsMs_.size() > breakerCapacityPerBucket(scenario_, atMs)) {
    ++result_.overloaded;
    return false;
  }
  return true;
}

void BreakerRun::answer(const PendingAnswer &answer) {
  if (answer.halfOpen) {
    // As classic incident 4's code does: every half-open caller writes the state it saw.
    --probesInFlight_;
    if (answer.success)
      close(answer.atMs);
    else
      open(answer.atMs);
    return;
  }
  if (answer.success) {
    consecutiveFailures_ = 0;
    return;
  }
  if (++consecutiveFailures_ >= breaker_.failureThreshold && state_ == BreakerState::Closed)
    open(answer.atMs);
}

void BreakerRun::close(double atMs) {
  if (state_ != BreakerState::Closed)
    lastClosedAtMs_ = atMs;
  state_ = BreakerState::Closed;
  consecutiveFailures_ = 0;
}

void BreakerRun::open(double atMs) {
  state_ = BreakerState::Open;
  openedAtMs_ = atMs;
}

} // namespace

double breakerCapacityPerBucket(const BreakerScenario &scenario, double atMs) {
  const double healthy = scenario.callers * scenario.requestsPerSecond * scenario.bucketMs / 1000;
  if (atMs < 0)
    return 1e12;
  if (atMs < scenario.outageMs)
    return 0;
  if (atMs >= scenario.outageMs + scenario.rampMs)
    return 1e12;
  return healthy * (atMs - scenario.outageMs) / scenario.rampMs;
}

BreakerResult simulateBreaker(const RetryPolicy &policy, const BreakerScenario &scenario) {
  return BreakerRun(policy, scenario).run();
}

bool validateScenario(const BreakerScenario &scenario, std::string &error) {
  const double runMs = scenario.warmupMs + scenario.outageMs + scenario.afterMs;
  if (scenario.callers < 1 || scenario.callers > 1'000'000)
    error = "clients must be between 1 and 1000000";
  else if (!(scenario.requestsPerSecond > 0) || scenario.requestsPerSecond > 1e6)
    error = "rate must be a positive number of requests per second per client";
  else if (!(scenario.bucketMs > 0))
    error = "bucket must be a positive duration";
  else if (scenario.callers * scenario.requestsPerSecond * runMs / 1000 > 5e8)
    error = "more than 500 million requests: lower --clients, --rate or the durations";
  else if (runMs / scenario.bucketMs > 1e7)
    error = "too many buckets: lengthen --bucket or shorten the run";
  else
    return true;
  return false;
}

} // namespace retrylint::sim
