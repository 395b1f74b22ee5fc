// Positive: backoff state in a member that one method grows (`NoteFailure`, doubling under a
// cap) and another sleeps on, inside its retry loop. The loop's sleep is reported with the
// member's delays; the cap holds, so only the missing jitter.
#include <algorithm>
#include <chrono>
#include <thread>

#include "resilience/retry_budget.h"

namespace archive {

class BlobStore {
 public:
  bool Put(const char* key, const char* value);
};

class Uploader {
 public:
  bool Upload(BlobStore& store, const char* key, const char* value) {
    budget_.OnRequest();
    for (int attempt = 1;; ++attempt) {
      if (store.Put(key, value)) {
        retry_delay_ = kFirstDelay;
        return true;
      }
      if (attempt >= kMaxAttempts || !budget_.TryRetry()) return false;
      NoteFailure();
      std::this_thread::sleep_for(retry_delay_);  // expect: retry-backoff-no-jitter says="`archive::Uploader::retry_delay_`"
    }
  }

 private:
  void NoteFailure() { retry_delay_ = std::min(retry_delay_ * 2, kMaxDelay); }

  static constexpr int kMaxAttempts = 5;
  static constexpr std::chrono::milliseconds kFirstDelay{200};
  static constexpr std::chrono::milliseconds kMaxDelay{3000};
  resilience::RetryBudget budget_;
  std::chrono::milliseconds retry_delay_{kFirstDelay};
};

}  // namespace archive
