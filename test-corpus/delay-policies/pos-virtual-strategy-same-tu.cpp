// Positive: an object store client asks a strategy object for the delay before each retry.
// The strategy interface is virtual; the one override in this file doubles a 100 ms base with
// no randomness. The loop (bounded, budgeted, no sleep after the last attempt) is reported at
// its sleep, with the strategy's delays.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace objstore {

class RetryStrategy {
 public:
  virtual ~RetryStrategy() = default;
  virtual std::chrono::milliseconds DelayBeforeNextRetry(int attempt) const = 0;
};

class DoublingStrategy : public RetryStrategy {
 public:
  std::chrono::milliseconds DelayBeforeNextRetry(int attempt) const override {
    return std::chrono::milliseconds(std::min(100 * (1 << attempt), 20000));
  }
};

struct PutResult {
  bool ok = false;
};

class Bucket {
 public:
  PutResult Put(const std::string& key, const std::string& body);
};

class Uploader {
 public:
  Uploader(Bucket* bucket, std::unique_ptr<RetryStrategy> strategy)
      : bucket_(bucket), strategy_(std::move(strategy)) {}

  bool Upload(const std::string& key, const std::string& body) {
    constexpr int kMaxAttempts = 5;
    budget_.OnRequest();
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (bucket_->Put(key, body).ok) return true;
      if (attempt + 1 == kMaxAttempts || !budget_.TryRetry()) break;
      std::this_thread::sleep_for(strategy_->DelayBeforeNextRetry(attempt));  // expect: retry-backoff-no-jitter says="5 attempts sleep on `objstore::DoublingStrategy::DelayBeforeNextRetry`, which gives 100, 200, 400, 800, 1600, …, 12800 ms for attempt 0, 1, 2"
    }
    return false;
  }

 private:
  Bucket* bucket_;
  std::unique_ptr<RetryStrategy> strategy_;
  resilience::RetryBudget budget_;
};

}  // namespace objstore
