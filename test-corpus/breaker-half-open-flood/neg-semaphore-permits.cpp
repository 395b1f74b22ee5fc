// Half-open probes are bounded by a counting semaphore of kProbes permits: try_acquire() fails
// fast once they are taken. The semaphore is the project's own (C++17 has none).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace catalog {

class CountingSemaphore {
 public:
  explicit CountingSemaphore(int permits) : permits_(permits) {}
  bool try_acquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (permits_ == 0) return false;
    --permits_;
    return true;
  }
  void release() {
    std::lock_guard<std::mutex> lock(mu_);
    ++permits_;
  }

 private:
  std::mutex mu_;
  int permits_;
};

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    State state;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kOpen && Clock::now() >= retry_at_) state_ = State::kHalfOpen;
      state = state_;
    }
    if (state == State::kOpen) return absl::UnavailableError("circuit open");
    if (state == State::kClosed) return Finish(fn());
    if (!probes_.try_acquire()) return absl::UnavailableError("half-open: enough probes in flight");
    absl::Status status = Finish(fn());
    probes_.release();
    return status;
  }

 private:
  absl::Status Finish(absl::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = status.ok() ? State::kClosed : State::kOpen;
    if (!status.ok()) retry_at_ = Clock::now() + std::chrono::seconds(20);
    return status;
  }

  static constexpr int kProbes = 3;
  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point retry_at_;
  CountingSemaphore probes_{kProbes};
};

}  // namespace catalog
