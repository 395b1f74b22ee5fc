// Positive: backoff state kept in a member. `Pause()` sleeps on `backoff_` and then doubles it
// (capped, not jittered); the loop counts its attempts and asks its budget before each pause.
// The loop is reported at the helper's call, with the member's delays.
#include <algorithm>
#include <chrono>
#include <thread>

#include "resilience/retry_budget.h"

namespace ledger {

class Journal {
 public:
  bool Append(const char* record);
};

class JournalWriter {
 public:
  explicit JournalWriter(Journal* journal) : journal_(journal) {}

  bool Write(const char* record) {
    budget_.OnRequest();
    int attempts = 0;
    while (!journal_->Append(record)) {
      if (++attempts >= kMaxAttempts || !budget_.TryRetry()) return false;
      Pause();  // expect: retry-backoff-no-jitter says="6 attempts sleep on `ledger::JournalWriter::backoff_`, which gives 50, 100, 200, 400, 800, …, 2000 ms as it grows, with no jitter"
    }
    return true;
  }

 private:
  void Pause() {
    std::this_thread::sleep_for(backoff_);
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(2000));
  }

  static constexpr int kMaxAttempts = 6;
  Journal* journal_;
  resilience::RetryBudget budget_;
  std::chrono::milliseconds backoff_{50};
};

}  // namespace ledger
