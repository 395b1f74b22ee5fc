// Allow style: TryAdmit() decides and the caller makes the call itself, then reports the outcome
// with OnSuccess()/OnFailure() (defined in another file). Open -> HalfOpen is a compare-exchange,
// but once the state is half-open TryAdmit() says yes to every caller: no limit on trial calls.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace inventory {

class CircuitBreaker {
 public:
  enum class State : std::uint8_t { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  bool TryAdmit() {
    switch (state_.load(std::memory_order_acquire)) {
      case State::kClosed:
        return true;
      case State::kOpen: {
        const Clock::rep opened = opened_at_.load(std::memory_order_acquire);
        if (Clock::now().time_since_epoch().count() - opened < kCooldownTicks) return false;
        State expected = State::kOpen;
        return state_.compare_exchange_strong(expected, State::kHalfOpen);
      }
      case State::kHalfOpen:
        return true;  // expect: breaker-half-open-flood
    }
    return false;
  }

  void OnSuccess();
  void OnFailure();

 private:
  static constexpr Clock::rep kCooldownTicks = 2'000'000'000;
  std::atomic<State> state_{State::kClosed};
  std::atomic<Clock::rep> opened_at_{0};
};

}  // namespace inventory
