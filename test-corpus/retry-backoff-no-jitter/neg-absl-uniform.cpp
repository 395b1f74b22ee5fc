// Negative: full jitter with absl::BitGen and absl::Uniform, slept with absl::SleepFor.
#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "resilience/retry_budget.h"

namespace spanner {

class SessionPool {
 public:
  absl::Status Commit(const std::string& transaction_id);
};

absl::Status CommitWithRetry(SessionPool& sessions, resilience::RetryBudget& budget,
                             const std::string& transaction_id) {
  constexpr int kMaxAttempts = 5;
  constexpr int64_t kBaseMs = 100;
  constexpr int64_t kCapMs = 32000;
  absl::BitGen gen;

  budget.OnRequest();
  absl::Status status = sessions.Commit(transaction_id);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsAborted(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    const int64_t ceiling_ms = std::min(kCapMs, kBaseMs << attempt);
    absl::SleepFor(absl::Milliseconds(absl::Uniform<int64_t>(absl::IntervalClosedClosed, gen, 0, ceiling_ms)));
    status = sessions.Commit(transaction_id);
  }
  return status;
}

}  // namespace spanner
