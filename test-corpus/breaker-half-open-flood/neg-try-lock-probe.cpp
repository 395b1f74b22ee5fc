// An int state holding named constants. In half-open, only the caller that gets probe_mu_ with
// try_lock() probes; the others are told to come back later.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace inventory {

class Breaker {
 public:
  static constexpr int kClosed = 0;
  static constexpr int kOpen = 1;
  static constexpr int kHalfOpen = 2;
  using Clock = std::chrono::steady_clock;

  absl::Status Run(const std::function<absl::Status()>& fn) {
    int state = kClosed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == kOpen && Clock::now() - opened_at_ >= std::chrono::seconds(10)) state_ = kHalfOpen;
      state = state_;
    }
    if (state == kOpen) return absl::UnavailableError("open");
    if (state == kClosed) return Report(fn());
    if (!probe_mu_.try_lock()) return absl::UnavailableError("half-open: probe in flight");
    absl::Status status = Report(fn());
    probe_mu_.unlock();
    return status;
  }

 private:
  absl::Status Report(absl::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    if (status.ok()) {
      state_ = kClosed;
    } else {
      state_ = kOpen;
      opened_at_ = Clock::now();
    }
    return status;
  }

  std::mutex mu_;
  std::mutex probe_mu_;
  int state_ = kClosed;
  Clock::time_point opened_at_;
};

}  // namespace inventory
