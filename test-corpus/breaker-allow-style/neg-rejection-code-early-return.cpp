// The decision is a returned code: BeforeRequest() answers kTooManyRequests once the half-open
// in-flight limit is reached (counter and limit under one lock), and Execute() returns early on
// any code but kAccepted. Only kMaxTrials callers reach the operation while half-open.
#include <chrono>
#include <functional>
#include <mutex>

#include "absl/status/status.h"

namespace orders {

enum class Verdict { kAccepted, kBreakerOpen, kTooManyRequests };

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  absl::Status Execute(const std::function<absl::Status()>& op) {
    const Verdict verdict = BeforeRequest();
    if (verdict != Verdict::kAccepted) {
      return absl::UnavailableError(verdict == Verdict::kBreakerOpen ? "open" : "too many trials");
    }
    absl::Status result = op();
    AfterRequest(result.ok());
    return result;
  }

 private:
  Verdict BeforeRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    const Clock::time_point now = Clock::now();
    if (state_ == State::kOpen) {
      if (now < open_until_) return Verdict::kBreakerOpen;
      state_ = State::kHalfOpen;
      in_flight_ = 0;
    }
    if (state_ == State::kHalfOpen && in_flight_ >= kMaxTrials) return Verdict::kTooManyRequests;
    ++in_flight_;
    return Verdict::kAccepted;
  }

  void AfterRequest(bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
    if (ok && state_ == State::kHalfOpen) {
      state_ = State::kClosed;
    } else if (!ok) {
      state_ = State::kOpen;
      open_until_ = Clock::now() + std::chrono::seconds(30);
    }
  }

  static constexpr int kMaxTrials = 1;
  std::mutex mu_;
  State state_ = State::kClosed;
  int in_flight_ = 0;
  Clock::time_point open_until_;
};

}  // namespace orders
