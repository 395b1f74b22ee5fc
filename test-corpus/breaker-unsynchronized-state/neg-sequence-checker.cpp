// A breaker confined to one sequence (an event loop), which says so with a SequenceChecker
// member: a plain state and a plain probe flag are enough there.
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace base {
class SequenceChecker {
 public:
  bool CalledOnValidSequence() const { return true; }
};
}  // namespace base

namespace ui {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    if (state_ == State::kOpen) {
      if (Clock::now() - opened_at_ < std::chrono::seconds(5)) return absl::UnavailableError("open");
      state_ = State::kHalfOpen;
    }
    if (state_ == State::kHalfOpen) {
      if (probing_) return absl::UnavailableError("probe in flight");
      probing_ = true;
    }
    absl::Status status = fn();
    probing_ = false;
    state_ = status.ok() ? State::kClosed : State::kOpen;
    if (!status.ok()) opened_at_ = Clock::now();
    return status;
  }

 private:
  base::SequenceChecker sequence_checker_;
  State state_ = State::kClosed;
  bool probing_ = false;
  Clock::time_point opened_at_;
};

}  // namespace ui
