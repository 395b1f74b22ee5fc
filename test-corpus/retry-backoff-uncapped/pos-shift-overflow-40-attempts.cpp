// Positive: 40 attempts of 1 << attempt on a 32-bit int: the ceiling is 3 hours at attempt 20,
// overflows int at attempt 28, and the shift is undefined from 32. The bound limits nothing.
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace election {

class LockService {
 public:
  // false while another candidate holds the lock or the service is unreachable
  bool TryAcquire(const std::string& lock_path, const std::string& candidate_id);
};

bool BecomeLeader(LockService& locks, resilience::RetryBudget& budget,
                  const std::string& candidate_id) {
  constexpr int kMaxAttempts = 40;
  constexpr int kBaseDelayMs = 10;
  thread_local std::mt19937 rng{std::random_device{}()};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (locks.TryAcquire("/service/indexer/leader", candidate_id)) {
      return true;
    }
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) {
      break;
    }
    const int ceiling_ms = kBaseDelayMs * (1 << attempt);  // expect: retry-backoff-uncapped
    std::uniform_int_distribution<int> jitter(0, ceiling_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
  return false;
}

}  // namespace election
