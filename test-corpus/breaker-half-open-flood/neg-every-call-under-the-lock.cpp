// Every method holds the same mutex, the protected call included: callers run one at a time, so
// the caller after a failed probe finds the breaker open again. (It serialises all traffic, which
// is slow, but it does not flood the dependency.)
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace ledger {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == State::kOpen) {
      if (Clock::now() - opened_at_ < kCooldown) return absl::UnavailableError("circuit open");
      state_ = State::kHalfOpen;
    }
    absl::Status status = fn();
    if (status.ok()) {
      state_ = State::kClosed;
      failures_ = 0;
    } else if (state_ == State::kHalfOpen || ++failures_ >= kThreshold) {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
    return status;
  }

  State state() {
    std::lock_guard<std::mutex> lock(mu_);
    return state_;
  }

 private:
  static constexpr int kThreshold = 3;
  static constexpr std::chrono::seconds kCooldown{15};
  std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  Clock::time_point opened_at_;
};

}  // namespace ledger
