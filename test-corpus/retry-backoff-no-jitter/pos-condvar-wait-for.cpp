// Positive: the backoff waits on a condition variable (so Stop() can cut it short), and the
// timeout doubles with no jitter: wait_for is a sleep like any other.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

#include "resilience/retry_budget.h"

namespace telemetry {

class Uploader {
 public:
  bool Upload(const std::string& batch);
};

class Shipper {
 public:
  bool Ship(Uploader& uploader, const std::string& batch) {
    constexpr int kMaxAttempts = 4;
    std::chrono::milliseconds timeout(200);
    budget_.OnRequest();
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (uploader.Upload(batch)) {
        return true;
      }
      if (attempt + 1 == kMaxAttempts || !budget_.TryRetry()) {
        break;
      }
      std::unique_lock<std::mutex> lock(mu_);
      if (cv_.wait_for(lock, timeout, [this] { return stopping_; })) {  // expect: retry-backoff-no-jitter
        return false;
      }
      timeout *= 2;
    }
    return false;
  }

 private:
  resilience::RetryBudget budget_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace telemetry
