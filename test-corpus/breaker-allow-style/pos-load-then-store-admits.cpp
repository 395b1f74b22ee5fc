// Allow style with an atomic state moved by a load and a store: every caller that loaded kOpen
// after the cooldown stores kHalfOpen and is admitted. Callers that find it half-open are turned
// away, which is too late for the ones already past the load.
#include <atomic>
#include <chrono>

namespace geo {

enum class BreakerState { kClosed, kOpen, kHalfOpen };

class TileServiceBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  bool AllowRequest() {
    const BreakerState seen = state_.load();
    if (seen == BreakerState::kClosed) return true;
    if (seen == BreakerState::kHalfOpen) return false;
    if (Clock::now().time_since_epoch() - std::chrono::nanoseconds(opened_at_.load()) <
        std::chrono::seconds(3)) {
      return false;
    }
    state_.store(BreakerState::kHalfOpen);
    return true;  // expect: breaker-half-open-flood
  }

  void RecordSuccess() { state_.store(BreakerState::kClosed); }

  void RecordFailure() {
    opened_at_.store(std::chrono::nanoseconds(Clock::now().time_since_epoch()).count());
    state_.store(BreakerState::kOpen);
  }

 private:
  std::atomic<BreakerState> state_{BreakerState::kClosed};
  std::atomic<long long> opened_at_{0};
};

}  // namespace geo
