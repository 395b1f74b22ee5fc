// Readers take a shared lock, writers the exclusive one, on the same std::shared_mutex; the
// helper that writes says in its name that its caller holds the lock.
#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>

#include "absl/status/status.h"

namespace config {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  bool IsOpen() const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return state_ == State::kOpen;
  }

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::unique_lock<std::shared_mutex> lock(mu_);
      if (state_ == State::kHalfOpen) return absl::UnavailableError("probe in flight");
      if (state_ == State::kOpen) {
        if (Clock::now() < reopen_at_) return absl::UnavailableError("circuit open");
        state_ = State::kHalfOpen;
      }
    }
    absl::Status status = fn();
    std::unique_lock<std::shared_mutex> lock(mu_);
    SetStateLocked(status.ok() ? State::kClosed : State::kOpen);
    return status;
  }

  // Locked: the caller holds mu_.
  void SetStateLocked(State next) {
    state_ = next;
    if (next == State::kOpen) reopen_at_ = Clock::now() + std::chrono::seconds(30);
  }

 private:
  mutable std::shared_mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point reopen_at_;
};

}  // namespace config
