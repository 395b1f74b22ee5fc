// Call() serialises probes with an atomic flag, so the author knew callers are concurrent; the
// failure path RecordFailure(), called from the callers' own retry loops, writes the plain state
// with no lock and no atomic.
#include <atomic>
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace feeds {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    if (state_ == State::kClosed) return fn();
    if (state_ == State::kOpen && Clock::now() - opened_at_ < kCooldown) {
      return absl::UnavailableError("circuit open");
    }
    if (probing_.exchange(true)) return absl::UnavailableError("probe in flight");
    state_ = State::kHalfOpen;
    absl::Status status = fn();
    state_ = status.ok() ? State::kClosed : State::kOpen;
    if (!status.ok()) opened_at_ = Clock::now();
    probing_.store(false);
    return status;
  }

  void RecordFailure() {
    if (++failures_ < kThreshold) return;
    state_ = State::kOpen;  // expect: breaker-unsynchronized-state
    opened_at_ = Clock::now();
    failures_ = 0;
  }

 private:
  static constexpr int kThreshold = 5;
  static constexpr std::chrono::seconds kCooldown{30};
  State state_ = State::kClosed;
  Clock::time_point opened_at_;
  int failures_ = 0;
  std::atomic<bool> probing_{false};
};

}  // namespace feeds
