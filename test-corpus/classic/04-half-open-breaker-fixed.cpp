// Classic incident 4, fixed: atomic state; after the cooldown one caller wins the Open -> HalfOpen
// compare-and-swap and probes, every other caller fails fast until the probe completes.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "absl/status/status.h"

namespace search {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  CircuitBreaker(int failure_threshold, Clock::duration cooldown)
      : failure_threshold_(failure_threshold), cooldown_(cooldown) {}

  absl::Status Call(const std::function<absl::Status()>& fn) {
    switch (state_.load()) {
      case State::kClosed:
        return TrackFailures(fn);
      case State::kHalfOpen:
        return absl::UnavailableError("circuit half-open: probe in flight");
      case State::kOpen:
      default: {
        const Clock::time_point opened_at{Clock::duration(opened_at_.load())};
        if (Clock::now() - opened_at < cooldown_) {
          return absl::UnavailableError("circuit open");
        }
        State expected = State::kOpen;
        if (!state_.compare_exchange_strong(expected, State::kHalfOpen)) {
          return absl::UnavailableError("circuit open: another caller is probing");
        }
        return Probe(fn);  // only the caller that won the swap gets here
      }
    }
  }

 private:
  absl::Status Probe(const std::function<absl::Status()>& fn) {
    absl::Status status = fn();
    if (!status.ok()) {
      TripFrom(State::kHalfOpen);
      return status;
    }
    consecutive_failures_.store(0);
    state_.store(State::kClosed);
    return status;
  }

  absl::Status TrackFailures(const std::function<absl::Status()>& fn) {
    absl::Status status = fn();
    if (status.ok()) {
      consecutive_failures_.store(0);
      return status;
    }
    if (consecutive_failures_.fetch_add(1) + 1 >= failure_threshold_) {
      TripFrom(State::kClosed);
    }
    return status;
  }

  // Publish the open time before the state, so a caller that sees kOpen reads a fresh time.
  // The swap only succeeds from the state the caller observed; a lost race changes nothing.
  void TripFrom(State from) {
    opened_at_.store(Clock::now().time_since_epoch().count());
    state_.compare_exchange_strong(from, State::kOpen);
  }

  const int failure_threshold_;
  const Clock::duration cooldown_;
  std::atomic<State> state_{State::kClosed};
  std::atomic<Clock::rep> opened_at_{0};
  std::atomic<int> consecutive_failures_{0};
};

class IndexClient {
 public:
  absl::Status Query(const std::string& q);
};

absl::Status SearchIndex(CircuitBreaker& breaker, IndexClient& index, const std::string& q) {
  return breaker.Call([&] { return index.Query(q); });
}

}  // namespace search
