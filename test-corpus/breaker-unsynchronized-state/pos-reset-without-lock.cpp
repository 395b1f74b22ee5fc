// Every method takes mu_ except Reset(), which an admin endpoint calls while traffic flows: its
// write of the state races with Call() on other threads.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace billing {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kHalfOpen) return absl::UnavailableError("probe in flight");
      if (state_ == State::kOpen) {
        if (Clock::now() - opened_at_ < kCooldown) return absl::UnavailableError("circuit open");
        state_ = State::kHalfOpen;  // under the lock: exactly one caller makes this move
      }
    }
    absl::Status status = fn();
    std::lock_guard<std::mutex> lock(mu_);
    if (status.ok()) {
      state_ = State::kClosed;
      failures_ = 0;
    } else if (++failures_ >= kThreshold || state_ == State::kHalfOpen) {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
    return status;
  }

  // For the admin page: forget past failures.
  void Reset() {
    state_ = State::kClosed;  // expect: breaker-unsynchronized-state
    failures_ = 0;
  }

 private:
  static constexpr int kThreshold = 5;
  static constexpr std::chrono::seconds kCooldown{30};
  std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  Clock::time_point opened_at_;
};

}  // namespace billing
