// Suppression error: a NOLINTBEGIN with no NOLINTEND is itself reported (nolint-unmatched, at the
// BEGIN comment) and suppresses nothing, as in clang-tidy; the finding below stays.
#include <string>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace feeds {

class FeedStore {
 public:
  absl::Status AppendEntry(const std::string& feed_id, const std::string& entry_json);
};

// NOLINTBEGIN(retry-no-backoff) -- expect: nolint-unmatched
absl::Status PublishEntry(FeedStore& store, resilience::RetryBudget& budget,
                          const std::string& feed_id, const std::string& entry_json) {
  constexpr int kMaxAttempts = 3;
  budget.OnRequest();
  absl::Status status = store.AppendEntry(feed_id, entry_json);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-no-backoff
    if (!budget.TryRetry()) {
      break;
    }
    status = store.AppendEntry(feed_id, entry_json);
  }
  return status;
}

}  // namespace feeds
