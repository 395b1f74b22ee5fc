// Classic incident 2: a token-bucket retry budget with no maximum. It banks tokens through
// healthy hours, then pays for a burst of retries the moment the outage starts.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace payments {

// Retries may consume at most ~10% of request volume.
class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ += 0.1;  // expect: retry-budget-uncapped
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ >= 1) {
      tokens_ -= 1;  // each retry costs 1 token
      return true;
    }
    return false;  // budget exhausted: fail fast, do not retry
  }

 private:
  std::mutex mu_;
  double tokens_ = 0;
};

struct Balance {
  std::string account_id;
  long long cents = 0;
};

class LedgerClient {
 public:
  absl::StatusOr<Balance> GetBalance(const std::string& account_id);
};

// The loop itself is sound: bounded, jittered, capped, budgeted. Only the budget is wrong.
absl::StatusOr<Balance> FetchBalance(LedgerClient& ledger, RetryBudget& budget,
                                     const std::string& account_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kBaseBackoff(50);
  constexpr std::chrono::milliseconds kMaxBackoff(1000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::StatusOr<Balance> result = ledger.GetBalance(account_id);
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    if (result.ok() || !absl::IsUnavailable(result.status())) break;
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kMaxBackoff, kBaseBackoff * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> full_jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(full_jitter(rng)));
    result = ledger.GetBalance(account_id);
  }
  return result;
}

}  // namespace payments
