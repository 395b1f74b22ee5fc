// An isolation breaker that does admit one trial: once the isolation has passed, the caller that
// wins `trial_.exchange(true)` is let through and everyone else is refused until that trial
// clears the flag. The isolation grows with full jitter.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>

namespace cache {

class ReplicaBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  bool Permit() {
    if (!tripped_.load()) return true;
    if (Clock::now().time_since_epoch().count() < until_.load()) return false;
    return !trial_.exchange(true);
  }

  void OnTrialResult(bool ok) {
    if (ok) {
      isolation_ms_ = kBaseMs;
      tripped_.store(false);
    } else {
      Trip();
    }
    trial_.store(false);
  }

  void Trip() {
    std::uniform_int_distribution<int> spread(0, std::min(isolation_ms_ * 2, kCapMs));
    isolation_ms_ = spread(rng_);
    until_.store(Clock::now().time_since_epoch().count() + isolation_ms_ * 1'000'000LL);
    tripped_.store(true);
  }

 private:
  static constexpr int kBaseMs = 50;
  static constexpr int kCapMs = 20000;
  std::atomic<bool> tripped_{false};
  std::atomic<bool> trial_{false};
  std::atomic<long long> until_{0};
  int isolation_ms_ = kBaseMs;
  std::mt19937 rng_{std::random_device{}()};
};

}  // namespace cache
