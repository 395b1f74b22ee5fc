// Queries are not decisions: IsOpen() and CurrentState() report the state and admit nobody. The
// decision, Admit(), lets one probe through with a compare-exchange.
#include <atomic>
#include <chrono>

namespace media {

class TranscoderBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  bool IsOpen() const { return state_.load() == State::kOpen; }
  bool IsHalfOpen() const { return state_.load() == State::kHalfOpen; }
  State CurrentState() const { return state_.load(); }

  bool Admit() {
    State s = state_.load();
    if (s == State::kClosed) return true;
    if (s == State::kHalfOpen) return false;
    if (std::chrono::steady_clock::now().time_since_epoch().count() < reopen_at_.load()) return false;
    return state_.compare_exchange_strong(s, State::kHalfOpen);
  }

  void Done(bool ok) {
    if (!ok) reopen_at_.store(std::chrono::steady_clock::now().time_since_epoch().count() + 1000000000);
    state_.store(ok ? State::kClosed : State::kOpen);
  }

 private:
  std::atomic<State> state_{State::kClosed};
  std::atomic<long long> reopen_at_{0};
};

}  // namespace media
