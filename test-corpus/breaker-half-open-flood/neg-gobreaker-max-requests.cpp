// gobreaker's shape: one mutex around every read and write of the state. After the timeout the
// breaker moves Open -> HalfOpen under that lock, and half-open admits at most max_requests
// callers, counted under the same lock; the others get "too many requests" until the probes end.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace gobreaker {

enum class State { kClosed, kHalfOpen, kOpen };

struct Counts {
  uint32_t requests = 0;
  uint32_t consecutive_successes = 0;
  uint32_t consecutive_failures = 0;

  void OnRequest() { ++requests; }
  void OnSuccess() {
    ++consecutive_successes;
    consecutive_failures = 0;
  }
  void OnFailure() {
    ++consecutive_failures;
    consecutive_successes = 0;
  }
  void Clear() { *this = Counts(); }
};

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  CircuitBreaker(uint32_t max_requests, Clock::duration timeout)
      : max_requests_(max_requests), timeout_(timeout) {}

  absl::Status Execute(const std::function<absl::Status()>& req) {
    absl::StatusOr<uint64_t> generation = BeforeRequest();
    if (!generation.ok()) return generation.status();
    absl::Status result = req();
    AfterRequest(*generation, result.ok());
    return result;
  }

 private:
  absl::StatusOr<uint64_t> BeforeRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    const State state = CurrentState(Clock::now());
    if (state == State::kOpen) {
      return absl::UnavailableError("circuit breaker is open");
    }
    if (state == State::kHalfOpen && counts_.requests >= max_requests_) {
      return absl::ResourceExhaustedError("too many requests");
    }
    counts_.OnRequest();
    return generation_;
  }

  void AfterRequest(uint64_t before, bool success) {
    std::lock_guard<std::mutex> lock(mu_);
    const Clock::time_point now = Clock::now();
    const State state = CurrentState(now);
    if (generation_ != before) return;  // a result from an earlier generation counts for nothing
    if (success) {
      OnSuccess(state, now);
    } else {
      OnFailure(state, now);
    }
  }

  void OnSuccess(State state, Clock::time_point now) {
    counts_.OnSuccess();
    if (state == State::kHalfOpen && counts_.consecutive_successes >= max_requests_) {
      SetState(State::kClosed, now);
    }
  }

  void OnFailure(State state, Clock::time_point now) {
    counts_.OnFailure();
    if (state == State::kHalfOpen || counts_.consecutive_failures > kReadyToTrip) {
      SetState(State::kOpen, now);
    }
  }

  State CurrentState(Clock::time_point now) {
    if (state_ == State::kOpen && expiry_ <= now) {
      SetState(State::kHalfOpen, now);
    }
    return state_;
  }

  void SetState(State state, Clock::time_point now) {
    if (state_ == state) return;
    state_ = state;
    ++generation_;
    counts_.Clear();
    expiry_ = state == State::kOpen ? now + timeout_ : Clock::time_point();
  }

  static constexpr uint32_t kReadyToTrip = 5;
  const uint32_t max_requests_;
  const Clock::duration timeout_;
  std::mutex mu_;
  State state_ = State::kClosed;
  uint64_t generation_ = 0;
  Counts counts_;
  Clock::time_point expiry_;
};

}  // namespace gobreaker
