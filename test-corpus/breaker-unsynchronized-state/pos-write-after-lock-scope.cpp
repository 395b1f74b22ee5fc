// The checks run under the lock, but the move to half-open happens after the lock's scope has
// ended: every caller that passed the checks writes the state unguarded, and every one of them
// probes.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace tiles {

class CircuitBreaker {
 public:
  static constexpr int kClosed = 0;
  static constexpr int kOpen = 1;
  static constexpr int kHalfOpen = 2;
  using Clock = std::chrono::steady_clock;

  absl::Status Fetch(const std::function<absl::Status()>& fetch) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == kHalfOpen) return absl::UnavailableError("probe in flight");
      if (state_ == kOpen && Clock::now() < reopen_at_) return absl::UnavailableError("open");
    }
    if (state_ == kOpen) state_ = kHalfOpen;  // expect: breaker-unsynchronized-state
    absl::Status status = fetch();  // expect: breaker-half-open-flood
    std::lock_guard<std::mutex> lock(mu_);
    state_ = status.ok() ? kClosed : kOpen;
    if (!status.ok()) reopen_at_ = Clock::now() + std::chrono::seconds(15);
    return status;
  }

 private:
  std::mutex mu_;
  int state_ = kClosed;
  Clock::time_point reopen_at_;
};

}  // namespace tiles
