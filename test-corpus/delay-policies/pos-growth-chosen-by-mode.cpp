// Positive: the pause between uploads grows by a fixed step or doubles, depending on a mode the
// owner sets at run time (stepping by default). Neither growth is jittered. The message must not
// pick one of the two: it says the delay grows linearly or exponentially, as the branch decides.
#include <algorithm>
#include <chrono>
#include <thread>

#include "resilience/retry_budget.h"

namespace archive {

class Bucket {
 public:
  bool Put(const char* key);
};

class Uploader {
 public:
  enum class Growth { kStep, kDouble };

  void set_growth(Growth g) { growth_ = g; }

  bool Upload(Bucket* bucket, const char* key) {
    budget_.OnRequest();
    std::chrono::milliseconds backoff = first_backoff_;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (bucket->Put(key))
        return true;
      if (attempt + 1 == kMaxAttempts || !budget_.TryRetry())
        return false;
      std::this_thread::sleep_for(backoff);  // expect: retry-backoff-no-jitter says="grows the delay linearly or exponentially per call, depending on a branch taken at run time, with no jitter"
      backoff = NextBackoff(backoff);
    }
    return false;
  }

 private:
  std::chrono::milliseconds NextBackoff(std::chrono::milliseconds backoff) {
    if (growth_ == Growth::kStep)
      backoff = backoff + step_;
    else
      backoff = backoff * 2;
    return std::min(backoff, ceiling_);
  }

  static constexpr int kMaxAttempts = 5;
  Growth growth_ = Growth::kStep;
  std::chrono::milliseconds first_backoff_{100};
  std::chrono::milliseconds step_{100};
  std::chrono::milliseconds ceiling_{2000};
  resilience::RetryBudget budget_;
};

}  // namespace archive
