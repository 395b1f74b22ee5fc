// Allow style with an atomic state: after the cooldown, only the caller whose compare-exchange
// moves kOpen -> kHalfOpen is admitted; everyone who finds it half-open is turned away until
// that probe reports back.
#include <atomic>
#include <chrono>

namespace search {

class ShardBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  bool Allow() {
    State current = state_.load(std::memory_order_acquire);
    if (current == State::kClosed) return true;
    if (current == State::kOpen) return CooldownOver() && BeginProbe();
    return false;
  }

  void ReportSuccess() { state_.store(State::kClosed, std::memory_order_release); }

  void ReportFailure() {
    reopen_after_.store(Clock::now().time_since_epoch().count() + kCooldownTicks);
    state_.store(State::kOpen, std::memory_order_release);
  }

 private:
  bool CooldownOver() const {
    return Clock::now().time_since_epoch().count() >= reopen_after_.load();
  }

  bool BeginProbe() {
    State expected = State::kOpen;
    return state_.compare_exchange_strong(expected, State::kHalfOpen);
  }

  static constexpr Clock::rep kCooldownTicks = 1'000'000'000;
  std::atomic<State> state_{State::kClosed};
  std::atomic<Clock::rep> reopen_after_{0};
};

}  // namespace search
