// Positive: a non-template retry helper that takes std::function<absl::Status()>. The billing
// job retries each invoice push 3 times and the ledger client retries each write 4 times, so
// one failed invoice reaches LedgerRpc::AppendEntry 3 x 4 = 12 times.
#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace billing {

// Runs op up to max_attempts times, with capped full-jitter backoff, while the budget allows.
absl::Status RetryStatus(resilience::RetryBudget& budget, int max_attempts,
                         const std::function<absl::Status()>& op) {
  constexpr std::chrono::milliseconds kBase(40);
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::Status status = op();
  for (int attempt = 1; attempt < max_attempts && !status.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    status = op();
  }
  return status;
}

struct Invoice {
  std::string account_id;
  long amount_cents = 0;
};

class LedgerRpc {
 public:
  absl::Status AppendEntry(const std::string& account_id, long amount_cents);
};

class LedgerClient {
 public:
  LedgerClient(LedgerRpc* rpc, resilience::RetryBudget* budget) : rpc_(rpc), budget_(budget) {}

  absl::Status Post(const Invoice& invoice) {
    return RetryStatus(*budget_, 4, [&] { return rpc_->AppendEntry(invoice.account_id, invoice.amount_cents); });
  }

 private:
  LedgerRpc* rpc_;
  resilience::RetryBudget* budget_;
};

class InvoicePushJob {
 public:
  InvoicePushJob(LedgerClient* ledger, resilience::RetryBudget* budget)
      : ledger_(ledger), budget_(budget) {}

  absl::Status Push(const Invoice& invoice) {
    return RetryStatus(*budget_, 3, [&] { return ledger_->Post(invoice); });  // expect: retry-nested-fanout fanout=12
  }

 private:
  LedgerClient* ledger_;
  resilience::RetryBudget* budget_;
};

}  // namespace billing
