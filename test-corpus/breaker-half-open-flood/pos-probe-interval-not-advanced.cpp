// Half-open means to admit one probe per second, but last_probe_ is never advanced when a probe
// is admitted: every caller that finds the breaker half-open passes the test and runs fn().
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace search {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      const Clock::time_point now = Clock::now();
      if (state_ == State::kOpen) {
        if (now - opened_at_ < kCooldown) return absl::UnavailableError("circuit open");
        state_ = State::kHalfOpen;
      }
      if (state_ == State::kHalfOpen) {
        if (now - last_probe_ < kProbeInterval) return absl::UnavailableError("half-open");
      }
    }
    absl::Status status = fn();  // expect: breaker-half-open-flood
    std::lock_guard<std::mutex> lock(mu_);
    if (status.ok()) {
      state_ = State::kClosed;
    } else if (state_ != State::kOpen) {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
    return status;
  }

 private:
  static constexpr std::chrono::seconds kCooldown{30};
  static constexpr std::chrono::seconds kProbeInterval{1};
  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point opened_at_;
  Clock::time_point last_probe_;
};

}  // namespace search
