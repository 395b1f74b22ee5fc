// Half-open admits the one caller that flips probe_in_flight_ from false to true; everyone else
// fails fast until that probe reports. The state itself lives under a mutex.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace payments {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& op) {
    const State state = Admit();
    if (state == State::kOpen) return absl::UnavailableError("circuit open");
    if (state == State::kHalfOpen && probe_in_flight_.exchange(true)) {
      return absl::UnavailableError("circuit half-open: a probe is in flight");
    }
    absl::Status status = op();
    Record(state, status.ok());
    return status;
  }

 private:
  State Admit() {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == State::kOpen && Clock::now() >= reopen_at_) state_ = State::kHalfOpen;
    return state_;
  }

  void Record(State seen, bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ok) {
      failures_ = 0;
      state_ = State::kClosed;
    } else if (seen == State::kHalfOpen || ++failures_ >= kThreshold) {
      state_ = State::kOpen;
      reopen_at_ = Clock::now() + kCooldown;
    }
    if (seen == State::kHalfOpen) probe_in_flight_.store(false);
  }

  static constexpr int kThreshold = 5;
  static constexpr std::chrono::seconds kCooldown{30};
  std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  Clock::time_point reopen_at_;
  std::atomic<bool> probe_in_flight_{false};
};

}  // namespace payments
