// A std::atomic_flag admits the single probe: test_and_set() returns the old value, and only the
// caller that found it clear runs fn(). (A class with an atomic_flag member once crashed the
// model: the flag has no value type.)
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace search {

class IndexBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Call(const std::function<absl::Status()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kOpen) {
        if (Clock::now() < reopen_at_) return absl::UnavailableError("open");
        state_ = State::kHalfOpen;
      }
      if (state_ == State::kClosed) {
        return Record(fn());
      }
    }
    if (probing_.test_and_set()) return absl::UnavailableError("probe in flight");
    absl::Status s = fn();
    probing_.clear();
    return Record(s);
  }

 private:
  absl::Status Record(absl::Status s) {
    std::lock_guard<std::mutex> lock(mu_);
    if (s.ok()) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      reopen_at_ = Clock::now() + std::chrono::seconds(10);
    }
    return s;
  }

  std::atomic_flag probing_ = ATOMIC_FLAG_INIT;
  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point reopen_at_;
};

}  // namespace search
