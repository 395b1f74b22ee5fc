// The lock is released around the protected call (right), but the outcome is written back after
// the call without taking it again (wrong): both writes race with other callers.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace media {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    std::unique_lock<std::mutex> lock(mu_);
    if (state_ == State::kHalfOpen) return absl::UnavailableError("probe in flight");
    if (state_ == State::kOpen) {
      if (Clock::now() < retry_at_) return absl::UnavailableError("circuit open");
      state_ = State::kHalfOpen;
    }
    lock.unlock();  // never hold the lock across the network call
    absl::Status status = fn();
    if (status.ok()) {
      state_ = State::kClosed;  // expect: breaker-unsynchronized-state
    } else {
      state_ = State::kOpen;  // expect: breaker-unsynchronized-state
      retry_at_ = Clock::now() + std::chrono::seconds(10);
    }
    return status;
  }

 private:
  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point retry_at_;
};

}  // namespace media
