// Open -> HalfOpen by exchange(): its old value only decides whether to log the transition (a
// configuration flag), not who is admitted, so every caller that loaded kOpen after the cooldown
// is told yes. Half-open then takes an atomic counter in two steps: load() < limit, then ++.
#include <atomic>
#include <chrono>
#include <cstdio>

namespace fx {

struct BreakerOptions {
  bool log_transitions = true;
  int trial_calls = 3;
};

class QuoteBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  explicit QuoteBreaker(BreakerOptions options) : options_(options) {}

  bool MayCall() {
    switch (state_.load()) {
      case State::kClosed:
        return true;
      case State::kOpen:
        if (Clock::now().time_since_epoch().count() - opened_at_.load() < 7'000'000'000) return false;
        EnterHalfOpen();
        return true;  // expect: breaker-half-open-flood
      case State::kHalfOpen:
        if (trials_.load() < options_.trial_calls) {
          trials_++;
          return true;  // expect: breaker-half-open-flood
        }
        return false;
    }
    return false;
  }

  void Outcome(bool ok) {
    if (ok) {
      state_.store(State::kClosed);
      return;
    }
    opened_at_.store(Clock::now().time_since_epoch().count());
    state_.store(State::kOpen);
  }

 private:
  void EnterHalfOpen() {
    State old = state_.exchange(State::kHalfOpen);
    if (old != State::kHalfOpen) {
      trials_.store(0);
      if (options_.log_transitions) std::puts("quote breaker half-open");
    }
  }

  BreakerOptions options_;
  std::atomic<State> state_{State::kClosed};
  std::atomic<long long> opened_at_{0};
  std::atomic<int> trials_{0};
};

}  // namespace fx
