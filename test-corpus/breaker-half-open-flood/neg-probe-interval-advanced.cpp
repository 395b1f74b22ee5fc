// Half-open admits one probe per interval: the test of last_probe_ and its update happen under
// the same lock, so callers that arrive together see the updated time and are turned away.
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
        last_probe_ = now;
      }
    }
    absl::Status status = fn();
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
