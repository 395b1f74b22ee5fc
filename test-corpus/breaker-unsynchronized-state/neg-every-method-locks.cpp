// Every read and write of the state, in every method, holds mu_; the constructor's write needs
// no lock (nothing else can see the object yet), and the helper that writes is only called with
// mu_ held.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace accounts {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  explicit CircuitBreaker(bool start_open) { state_ = start_open ? State::kOpen : State::kClosed; }

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kHalfOpen) return absl::UnavailableError("probe in flight");
      if (state_ == State::kOpen) {
        if (Clock::now() - opened_at_ < std::chrono::seconds(30)) {
          return absl::UnavailableError("circuit open");
        }
        MoveTo(State::kHalfOpen);
      }
    }
    absl::Status status = fn();
    std::lock_guard<std::mutex> lock(mu_);
    MoveTo(status.ok() ? State::kClosed : State::kOpen);
    return status;
  }

  void ForceOpen() {
    std::lock_guard<std::mutex> lock(mu_);
    MoveTo(State::kOpen);
  }

  State state() {
    std::lock_guard<std::mutex> lock(mu_);
    return state_;
  }

 private:
  void MoveTo(State next) {
    state_ = next;
    if (next == State::kOpen) opened_at_ = Clock::now();
  }

  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point opened_at_;
};

}  // namespace accounts
