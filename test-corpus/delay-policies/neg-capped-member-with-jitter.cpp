// Negative: backoff state in a member, doubled under a cap, and every wait draws uniformly
// below it (full jitter). No finding of any rule.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "resilience/retry_budget.h"

namespace ledger {

class Journal {
 public:
  bool Append(const char* record);
};

class JournalWriter {
 public:
  bool Write(Journal& journal, const char* record) {
    budget_.OnRequest();
    int attempts = 0;
    backoff_ = std::chrono::milliseconds(50);
    while (!journal.Append(record)) {
      if (++attempts >= 6 || !budget_.TryRetry()) return false;
      Pause();
    }
    return true;
  }

 private:
  void Pause() {
    std::uniform_int_distribution<long> dist(0, backoff_.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng_)));
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(2000));
  }

  resilience::RetryBudget budget_;
  std::mt19937 rng_{std::random_device{}()};
  std::chrono::milliseconds backoff_{50};
};

}  // namespace ledger
