// Negative: backoff state in a member that `Widen()` doubles under a cap, and the loop in
// another method draws each wait uniformly below it (full jitter). Bounded, budgeted. No
// finding of any rule.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "resilience/retry_budget.h"

namespace archive {

class BlobStore {
 public:
  bool Put(const char* key);
};

class Uploader {
 public:
  bool Upload(BlobStore& store, const char* key) {
    budget_.OnRequest();
    for (int attempt = 1;; ++attempt) {
      if (store.Put(key)) {
        ceiling_ = std::chrono::milliseconds(100);
        return true;
      }
      if (attempt >= 5 || !budget_.TryRetry()) return false;
      Widen();
      std::uniform_int_distribution<long> draw(0, ceiling_.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(draw(rng_)));
    }
  }

 private:
  void Widen() { ceiling_ = std::min(ceiling_ * 2, std::chrono::milliseconds(5000)); }

  resilience::RetryBudget budget_;
  std::mt19937 rng_{std::random_device{}()};
  std::chrono::milliseconds ceiling_{100};
};

}  // namespace archive
