// corpus-std: c++20
// The sound coroutine retry: 4 attempts, full jitter under a 2 s cap, a budget asked before
// each retry, and no wait after the last attempt.
#include <algorithm>
#include <chrono>
#include <random>

#include "coro/task.h"
#include "resilience/retry_budget.h"

namespace ledger {

struct Result {
  bool ok() const { return code == 0; }
  int code = 0;
};

class LedgerClient {
 public:
  coro::task<Result> Append(long entry_id);
};

coro::task<Result> AppendWithRetry(LedgerClient& ledger, long entry_id, resilience::RetryBudget& budget,
                                   std::mt19937& rng) {
  constexpr int kMaxAttempts = 4;
  const std::chrono::milliseconds kBase(100), kCap(2000);
  Result result;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    result = co_await ledger.Append(entry_id);
    if (result.ok()) break;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<long> jitter(0, ceiling.count());
    co_await coro::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
  co_return result;
}

}  // namespace ledger
