// Half-open counts the callers it admits in half_open_calls_, but nothing compares the count
// with kMaxHalfOpenCalls: every caller that finds the breaker half-open runs fn().
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace orders {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kOpen) {
        if (Clock::now() < open_until_) return absl::UnavailableError("circuit open");
        state_ = State::kHalfOpen;
        half_open_calls_ = 0;
      }
      if (state_ == State::kHalfOpen) {
        ++half_open_calls_;  // meant to stop at kMaxHalfOpenCalls
      }
    }
    absl::Status status = fn();  // expect: breaker-half-open-flood
    Record(status.ok());
    return status;
  }

 private:
  void Record(bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ok) {
      state_ = State::kClosed;
      failures_ = 0;
    } else if (state_ == State::kHalfOpen || ++failures_ >= kThreshold) {
      state_ = State::kOpen;
      open_until_ = Clock::now() + std::chrono::seconds(30);
    }
  }

  static constexpr int kThreshold = 5;
  static constexpr int kMaxHalfOpenCalls = 1;
  std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  int half_open_calls_ = 0;
  Clock::time_point open_until_;
};

}  // namespace orders
