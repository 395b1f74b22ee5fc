// The state lives in a base class shared by two breakers; each derived breaker's TryPass() moves
// kOpen -> kHalfOpen through the base's compare-exchange helper, so one caller probes.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace flow {

enum class State { kClosed = 0, kOpen = 1, kHalfOpen = 2 };

class BreakerBase {
 public:
  virtual ~BreakerBase() = default;
  virtual bool TryPass() = 0;
  virtual void Complete(int64_t latency_ms, bool failed) = 0;

 protected:
  bool RetryTimeReached() const { return NowMs() >= next_retry_ms_.load(); }
  bool OpenToHalfOpen() {
    State expected = State::kOpen;
    return state_.compare_exchange_strong(expected, State::kHalfOpen);
  }
  void Trip(State from) {
    if (state_.compare_exchange_strong(from, State::kOpen)) next_retry_ms_.store(NowMs() + 10000);
  }
  static int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  std::atomic<State> state_{State::kClosed};
  std::atomic<int64_t> next_retry_ms_{0};
};

class SlowCallBreaker : public BreakerBase {
 public:
  bool TryPass() override {
    const State s = state_.load();
    if (s == State::kClosed) return true;
    if (s == State::kOpen) return RetryTimeReached() && OpenToHalfOpen();
    return false;
  }

  void Complete(int64_t latency_ms, bool) override {
    const State s = state_.load();
    if (s == State::kHalfOpen) {
      if (latency_ms > 500) {
        Trip(State::kHalfOpen);
      } else {
        State expected = State::kHalfOpen;
        state_.compare_exchange_strong(expected, State::kClosed);
      }
    } else if (s == State::kClosed && latency_ms > 500 && ++slow_ >= 20) {
      slow_ = 0;
      Trip(State::kClosed);
    }
  }

 private:
  std::atomic<int> slow_{0};
};

}  // namespace flow
