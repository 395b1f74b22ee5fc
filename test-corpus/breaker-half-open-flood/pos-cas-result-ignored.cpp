// The Open -> HalfOpen compare-exchange is there, but its result is dropped: the callers that lose
// the swap go on to Probe(fn) exactly like the one that won it.
#include <atomic>
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace geo {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    switch (state_.load()) {
      case State::kClosed:
        return fn();
      case State::kHalfOpen:
        return absl::UnavailableError("probe in flight");
      case State::kOpen:
      default: {
        if (!CooldownElapsed()) return absl::UnavailableError("circuit open");
        State expected = State::kOpen;
        state_.compare_exchange_strong(expected, State::kHalfOpen);
        return Probe(fn);  // expect: breaker-half-open-flood
      }
    }
  }

  void Trip() {
    opened_at_.store(Clock::now().time_since_epoch().count());
    state_.store(State::kOpen);
  }

 private:
  bool CooldownElapsed() const {
    return Clock::now().time_since_epoch().count() - opened_at_.load() >= kCooldown.count();
  }

  absl::Status Probe(const std::function<absl::Status()>& fn) {
    absl::Status status = fn();
    if (status.ok()) {
      state_.store(State::kClosed);
    } else {
      Trip();
    }
    return status;
  }

  static constexpr Clock::duration kCooldown = std::chrono::seconds(10);
  std::atomic<State> state_{State::kClosed};
  std::atomic<Clock::rep> opened_at_{0};
};

}  // namespace geo
