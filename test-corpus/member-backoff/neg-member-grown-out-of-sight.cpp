// Negative: the loop sleeps on a member that `NoteFailure()` may grow, but that method is
// defined in another file. What the member holds after it is not visible here: the delay is
// unknown, not a constant 200 ms, so no "no backoff" claim. Bounded, budgeted: no finding.
#include <chrono>
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
        Reset();
        return true;
      }
      if (attempt >= 5 || !budget_.TryRetry()) return false;
      NoteFailure();
      std::this_thread::sleep_for(retry_delay_);
    }
  }

 private:
  void NoteFailure();  // in uploader_backoff.cpp
  void Reset();

  resilience::RetryBudget budget_;
  std::chrono::milliseconds retry_delay_{200};
};

}  // namespace archive
