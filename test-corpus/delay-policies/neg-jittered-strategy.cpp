// Negative: the same strategy shape as pos-virtual-strategy-same-tu.cpp, with full jitter:
// uniform(0, min(cap, base * 2^attempt)). The loop is bounded, budgeted and stops sleeping
// after its last attempt.
#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace objstore {

class RetryStrategy {
 public:
  virtual ~RetryStrategy() = default;
  virtual std::chrono::milliseconds DelayBeforeNextRetry(int attempt) = 0;
};

class JitteredStrategy : public RetryStrategy {
 public:
  std::chrono::milliseconds DelayBeforeNextRetry(int attempt) override {
    int ceiling = std::min(100 * (1 << std::min(attempt, 10)), 20000);
    std::uniform_int_distribution<int> dist(0, ceiling);
    return std::chrono::milliseconds(dist(rng_));
  }

 private:
  std::mt19937 rng_{std::random_device{}()};
};

struct PutResult {
  bool ok = false;
};

class Bucket {
 public:
  PutResult Put(const std::string& key, const std::string& body);
};

bool Upload(Bucket& bucket, RetryStrategy& strategy, resilience::RetryBudget& budget,
            const std::string& key, const std::string& body) {
  constexpr int kMaxAttempts = 5;
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (bucket.Put(key, body).ok) return true;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::this_thread::sleep_for(strategy.DelayBeforeNextRetry(attempt));
  }
  return false;
}

}  // namespace objstore
