// resilience4j's shape: the state is atomic and moves Open -> HalfOpen by compare-exchange after
// the wait duration; half-open admits a caller only while it can take one of an atomic count of
// permits (permittedNumberOfCallsInHalfOpenState), so the rest are rejected.
#include <atomic>
#include <chrono>
#include <functional>

#include "absl/status/status.h"

namespace resilience4j {

class CircuitBreaker {
 public:
  enum State { CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN };
  using Clock = std::chrono::steady_clock;

  explicit CircuitBreaker(int permitted_calls_in_half_open)
      : permitted_calls_in_half_open_(permitted_calls_in_half_open) {}

  absl::Status ExecuteCallable(const std::function<absl::Status()>& callable) {
    if (!TryAcquirePermission()) {
      return absl::UnavailableError("CallNotPermittedException");
    }
    absl::Status status = callable();
    if (status.ok()) {
      OnSuccess();
    } else {
      OnError();
    }
    return status;
  }

 private:
  bool TryAcquirePermission() {
    switch (state_.load()) {
      case CLOSED:
      case DISABLED:
        return true;
      case FORCED_OPEN:
        return false;
      case OPEN:
        if (Clock::now() - opened_at_.load() < kWaitDurationInOpenState) return false;
        TransitionToHalfOpen();
        return TryAcquirePermit();
      case HALF_OPEN:
        return TryAcquirePermit();
    }
    return false;
  }

  void TransitionToHalfOpen() {
    State expected = OPEN;
    if (state_.compare_exchange_strong(expected, HALF_OPEN)) {
      successes_in_half_open_.store(0);
      permits_.store(permitted_calls_in_half_open_);
    }
  }

  // Takes one half-open permit; false once they are all taken.
  bool TryAcquirePermit() {
    int available = permits_.load();
    while (available > 0) {
      if (permits_.compare_exchange_weak(available, available - 1)) return true;
    }
    return false;
  }

  void OnSuccess() {
    if (state_.load() != HALF_OPEN) {
      failures_.store(0);
      return;
    }
    if (successes_in_half_open_.fetch_add(1) + 1 >= permitted_calls_in_half_open_) {
      State expected = HALF_OPEN;
      state_.compare_exchange_strong(expected, CLOSED);
    }
  }

  void OnError() {
    if (state_.load() == HALF_OPEN || failures_.fetch_add(1) + 1 >= kFailureThreshold) {
      opened_at_.store(Clock::now());
      state_.store(OPEN);
    }
  }

  static constexpr int kFailureThreshold = 10;
  static constexpr std::chrono::seconds kWaitDurationInOpenState{60};
  const int permitted_calls_in_half_open_;
  std::atomic<State> state_{CLOSED};
  std::atomic<Clock::time_point> opened_at_{Clock::time_point()};
  std::atomic<int> permits_{0};
  std::atomic<int> successes_in_half_open_{0};
  std::atomic<int> failures_{0};
};

}  // namespace resilience4j
