// Open -> HalfOpen by exchange(), and its old value decides: only the caller that saw kOpen go
// away is admitted; the others saw kHalfOpen already and are refused.
#include <atomic>
#include <chrono>

namespace dns {

class ResolverBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  bool Admit() {
    const State seen = state_.load();
    if (seen == State::kClosed) return true;
    if (seen == State::kHalfOpen) return false;
    if (Clock::now().time_since_epoch().count() < retry_at_.load()) return false;
    return state_.exchange(State::kHalfOpen) == State::kOpen;
  }

  void Report(bool ok) {
    if (!ok) retry_at_.store(Clock::now().time_since_epoch().count() + 3'000'000'000);
    state_.store(ok ? State::kClosed : State::kOpen);
  }

 private:
  std::atomic<State> state_{State::kClosed};
  std::atomic<long long> retry_at_{0};
};

}  // namespace dns
