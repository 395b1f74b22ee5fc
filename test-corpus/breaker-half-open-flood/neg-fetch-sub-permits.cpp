// Half-open hands out kHalfOpenPermits permits with an atomic fetch_sub; a caller that takes the
// counter below zero gives its permit back and fails fast.
#include <atomic>
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace quota {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    State state = state_.load();
    if (state == State::kOpen) {
      if (Clock::now().time_since_epoch().count() < reopen_at_.load()) {
        return absl::UnavailableError("circuit open");
      }
      State expected = State::kOpen;
      if (state_.compare_exchange_strong(expected, State::kHalfOpen)) permits_.store(kHalfOpenPermits);
      state = State::kHalfOpen;
    }
    if (state == State::kHalfOpen && permits_.fetch_sub(1) <= 0) {
      permits_.fetch_add(1);
      return absl::UnavailableError("circuit half-open: no permit left");
    }
    absl::Status status = fn();
    if (state == State::kHalfOpen) {
      State expected = State::kHalfOpen;
      state_.compare_exchange_strong(expected, status.ok() ? State::kClosed : State::kOpen);
      if (!status.ok()) reopen_at_.store((Clock::now() + std::chrono::seconds(5)).time_since_epoch().count());
    }
    return status;
  }

 private:
  static constexpr int kHalfOpenPermits = 2;
  std::atomic<State> state_{State::kClosed};
  std::atomic<int> permits_{0};
  std::atomic<Clock::rep> reopen_at_{0};
};

}  // namespace quota
