// An isolation breaker: no half-open state, just an atomic `isolated_` flag and an isolation
// time that doubles on each trip (capped, no jitter). A health checker calls Restore() when the
// isolation is over, and Restore() readmits every caller at once: there is no trial call.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace rpc {

class NodeCircuitBreaker {
 public:
  // Feeds one call's outcome; false means the node must be isolated.
  bool OnCallDone(int error_code) {
    if (isolated_.load(std::memory_order_relaxed)) return false;
    if (error_code == 0) {
      consecutive_errors_.store(0, std::memory_order_relaxed);
      return true;
    }
    if (consecutive_errors_.fetch_add(1, std::memory_order_relaxed) + 1 < kMaxErrors) return true;
    Isolate();
    return false;
  }

  void Isolate() {
    if (isolated_.exchange(true, std::memory_order_acquire)) return;
    trips_.fetch_add(1, std::memory_order_relaxed);
    const int64_t now = NowMs();
    int next = isolation_ms_.load(std::memory_order_relaxed);
    if (now - last_restore_ms_ < kMaxIsolationMs) {
      next = std::min(next * 2, kMaxIsolationMs);  // expect: retry-backoff-no-jitter
    } else {
      next = kMinIsolationMs;
    }
    isolation_ms_.store(next, std::memory_order_relaxed);
  }

  void Restore() {
    consecutive_errors_.store(0, std::memory_order_relaxed);
    last_restore_ms_ = NowMs();
    isolated_.store(false, std::memory_order_release);  // expect: breaker-half-open-flood
  }

  int isolation_ms() const { return isolation_ms_.load(std::memory_order_relaxed); }
  bool isolated() const { return isolated_.load(std::memory_order_relaxed); }

 private:
  static int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  static constexpr int kMaxErrors = 8;
  static constexpr int kMinIsolationMs = 100;
  static constexpr int kMaxIsolationMs = 30000;
  std::atomic<bool> isolated_{false};
  std::atomic<int> isolation_ms_{kMinIsolationMs};
  std::atomic<int> consecutive_errors_{0};
  std::atomic<int> trips_{0};
  int64_t last_restore_ms_ = 0;
};

}  // namespace rpc
