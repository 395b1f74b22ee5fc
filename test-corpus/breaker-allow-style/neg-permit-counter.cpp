// Allow style: half-open hands out kTrialPermits permits. A caller takes one with fetch_sub and,
// if there was none left, puts it back and is refused. The permits are refilled only when the
// breaker enters half-open again.
#include <atomic>
#include <chrono>

namespace payments {

class GatewayBreaker {
 public:
  enum class State { Closed, Open, HalfOpen };
  using Clock = std::chrono::steady_clock;

  bool Acquire() {
    switch (state_.load()) {
      case State::Closed:
        return true;
      case State::Open: {
        if (Clock::now().time_since_epoch().count() < retry_at_.load()) return false;
        State expected = State::Open;
        if (state_.compare_exchange_strong(expected, State::HalfOpen)) trial_permits_.store(kTrialPermits);
        return false;
      }
      case State::HalfOpen:
        if (trial_permits_.fetch_sub(1) > 0) return true;
        trial_permits_.fetch_add(1);
        return false;
    }
    return false;
  }

  void OnSuccess() { state_.store(State::Closed); }

  void OnFailure() {
    retry_at_.store(Clock::now().time_since_epoch().count() + 5'000'000'000);
    state_.store(State::Open);
  }

 private:
  static constexpr int kTrialPermits = 3;
  std::atomic<State> state_{State::Closed};
  std::atomic<int> trial_permits_{0};
  std::atomic<Clock::rep> retry_at_{0};
};

}  // namespace payments
