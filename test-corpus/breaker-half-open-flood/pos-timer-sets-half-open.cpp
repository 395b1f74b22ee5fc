// A timer moves the breaker to half-open when the cooldown has passed; Send() turns callers away
// only while it is open, so every caller that finds it half-open runs the std::function member
// send_ at once.
#include <chrono>
#include <functional>
#include <mutex>
#include <utility>

#include "absl/status/status.h"

namespace mail {

class BackendBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  explicit BackendBreaker(std::function<absl::Status()> send) : send_(std::move(send)) {}

  absl::Status Send() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kOpen) return absl::UnavailableError("backend breaker open");
    }
    absl::Status status = send_();  // expect: breaker-half-open-flood
    std::lock_guard<std::mutex> lock(mu_);
    if (status.ok()) {
      failures_ = 0;
      state_ = State::kClosed;
    } else if (state_ == State::kHalfOpen || ++failures_ >= kThreshold) {
      state_ = State::kOpen;
    }
    return status;
  }

  // Called by a timer kCooldown after the breaker opened.
  void OnCooldownElapsed() {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == State::kOpen) state_ = State::kHalfOpen;
  }

 private:
  static constexpr int kThreshold = 5;
  std::function<absl::Status()> send_;
  std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
};

}  // namespace mail
