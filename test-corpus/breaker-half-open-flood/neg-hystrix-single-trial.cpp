// Hystrix's shape: after the sleep window, the one request that wins the Open -> HalfOpen
// compare-and-set is the single trial; every other request is short-circuited until the trial
// marks the circuit closed again (or re-opens it).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include "absl/status/status.h"

namespace hystrix {

class HystrixCircuitBreaker {
 public:
  enum class Status { kClosed, kOpen, kHalfOpen };

  bool AttemptExecution() {
    if (circuit_opened_.load() == -1) return true;
    if (IsAfterSleepWindow()) {
      Status expected = Status::kOpen;
      // Only the first request after the sleep window gets to try.
      if (status_.compare_exchange_strong(expected, Status::kHalfOpen)) return true;
      return false;
    }
    return false;
  }

  void MarkSuccess() {
    Status expected = Status::kHalfOpen;
    if (status_.compare_exchange_strong(expected, Status::kClosed)) circuit_opened_.store(-1);
  }

  void MarkNonSuccess() {
    Status expected = Status::kHalfOpen;
    if (status_.compare_exchange_strong(expected, Status::kOpen)) circuit_opened_.store(NowMs());
  }

  absl::Status Execute(const std::function<absl::Status()>& run) {
    if (!AttemptExecution()) return absl::UnavailableError("short-circuited");
    absl::Status result = run();
    if (result.ok()) {
      MarkSuccess();
    } else {
      MarkNonSuccess();
    }
    return result;
  }

 private:
  static int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  bool IsAfterSleepWindow() const { return NowMs() > circuit_opened_.load() + kSleepWindowMs; }

  static constexpr int64_t kSleepWindowMs = 5000;
  std::atomic<Status> status_{Status::kClosed};
  std::atomic<int64_t> circuit_opened_{-1};
};

}  // namespace hystrix
