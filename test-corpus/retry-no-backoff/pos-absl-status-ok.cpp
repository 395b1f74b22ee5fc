// Positive: an absl::Status loop that re-sends the mutation while !status.ok(), with no delay.
// Bounded and budgeted: the budget limits how often, not how fast.
#include <string>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace timeseries {

struct Mutation {
  std::string family;
  std::string qualifier;
  std::string value;
};

class BigtableClient {
 public:
  absl::Status MutateRow(const std::string& table, const std::string& row_key,
                         const Mutation& mutation);
};

absl::Status WriteSample(BigtableClient& bigtable, resilience::RetryBudget& budget,
                         const std::string& metric, const std::string& timestamp,
                         const std::string& value) {
  constexpr int kMaxAttempts = 5;
  const std::string row_key = metric + "#" + timestamp;
  const Mutation mutation{"samples", "v", value};

  budget.OnRequest();
  absl::Status status = bigtable.MutateRow("metrics", row_key, mutation);
  for (int attempt = 1; attempt < kMaxAttempts && !status.ok(); ++attempt) {  // expect: retry-no-backoff
    if (!budget.TryRetry()) {
      break;
    }
    status = bigtable.MutateRow("metrics", row_key, mutation);
  }
  return status;
}

}  // namespace timeseries
