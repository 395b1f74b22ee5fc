// Classic incident 4: when the cooldown ends, the breaker moves Open -> HalfOpen and lets every
// concurrent caller run fn(), flooding a dependency that is still recovering. State is unguarded.
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
    switch (state_) {
      case State::kOpen:
        if (Clock::now() - opened_at_ < cooldown_) {
          return absl::UnavailableError("circuit open");  // fail fast, no network call
        }
        state_ = State::kHalfOpen;  // expect: breaker-unsynchronized-state
        [[fallthrough]];            // cooldown elapsed: allow probes
      case State::kHalfOpen: {
        absl::Status status = fn();  // expect: breaker-half-open-flood
        if (!status.ok()) {
          state_ = State::kOpen;  // expect: breaker-unsynchronized-state
          opened_at_ = Clock::now();  // probe failed: re-open
          return status;
        }
        state_ = State::kClosed;  // expect: breaker-unsynchronized-state
        consecutive_failures_ = 0;  // probe succeeded: resume normal traffic
        return status;
      }
      case State::kClosed:
      default:
        return TrackFailures(fn);
    }
  }

 private:
  absl::Status TrackFailures(const std::function<absl::Status()>& fn) {
    absl::Status status = fn();
    if (status.ok()) {
      consecutive_failures_ = 0;
      return status;
    }
    if (++consecutive_failures_ >= failure_threshold_) {
      state_ = State::kOpen;  // expect: breaker-unsynchronized-state
      opened_at_ = Clock::now();
    }
    return status;
  }

  const int failure_threshold_;
  const Clock::duration cooldown_;
  State state_ = State::kClosed;
  Clock::time_point opened_at_;
  int consecutive_failures_ = 0;
};

class IndexClient {
 public:
  absl::Status Query(const std::string& q);
};

absl::Status SearchIndex(CircuitBreaker& breaker, IndexClient& index, const std::string& q) {
  return breaker.Call([&] { return index.Query(q); });
}

}  // namespace search
