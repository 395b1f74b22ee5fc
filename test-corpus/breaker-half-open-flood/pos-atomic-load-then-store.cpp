// The state is a std::atomic<State>, but Open -> HalfOpen is a load and then a store: every caller
// that loaded kOpen after the cooldown stores kHalfOpen and runs fn(). Callers that find it
// half-open are turned away, which does not help the ones already past the load.
#include <atomic>
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace profiles {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    const State seen = state_.load();
    if (seen == State::kHalfOpen) return absl::UnavailableError("probe in flight");
    if (seen == State::kOpen) {
      const auto opened_at = Clock::time_point(Clock::duration(opened_at_.load()));
      if (Clock::now() - opened_at < kCooldown) return absl::UnavailableError("circuit open");
      state_.store(State::kHalfOpen);
    }
    absl::Status status = fn();  // expect: breaker-half-open-flood
    if (status.ok()) {
      state_.store(State::kClosed);
    } else if (seen == State::kOpen || failures_.fetch_add(1) + 1 >= kThreshold) {
      opened_at_.store(Clock::now().time_since_epoch().count());
      state_.store(State::kOpen);
    }
    return status;
  }

 private:
  static constexpr int kThreshold = 5;
  static constexpr std::chrono::seconds kCooldown{5};
  std::atomic<State> state_{State::kClosed};
  std::atomic<Clock::rep> opened_at_{0};
  std::atomic<int> failures_{0};
};

}  // namespace profiles
