// Classic incident 2, fixed: the bucket holds at most kMaxTokens, so retries stay near 10% of
// requests even right after a long healthy period; it is consulted before every retry.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace payments {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + kCreditPerRequest, kMaxTokens);
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kCostPerRetry) {
      return false;  // budget exhausted: fail fast, do not retry
    }
    tokens_ -= kCostPerRetry;
    return true;
  }

 private:
  static constexpr double kCreditPerRequest = 0.1;
  static constexpr double kCostPerRetry = 1.0;
  // A small ceiling: enough to absorb a blip, too little to fund a retry storm.
  static constexpr double kMaxTokens = 10.0;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

struct Balance {
  std::string account_id;
  long long cents = 0;
};

class LedgerClient {
 public:
  absl::StatusOr<Balance> GetBalance(const std::string& account_id);
};

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
