// Negative: an absl::Now() < deadline loop with absl time types; no attempt cap, the deadline
// ends the retries, and each wait is capped, jittered and budgeted.
#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "resilience/retry_budget.h"

namespace spanner {

class DatabaseAdminClient {
 public:
  absl::Status UpdateDdl(const std::string& database, const std::string& statement);
};

absl::Status ApplySchemaChange(DatabaseAdminClient& admin, resilience::RetryBudget& budget,
                               const std::string& database, const std::string& statement) {
  const absl::Time deadline = absl::Now() + absl::Seconds(120);
  const absl::Duration kCap = absl::Seconds(10);
  absl::BitGen gen;
  absl::Duration ceiling = absl::Milliseconds(200);

  budget.OnRequest();
  absl::Status status;
  while (absl::Now() < deadline) {
    status = admin.UpdateDdl(database, statement);
    if (status.ok() || !absl::IsAborted(status)) {
      return status;
    }
    const absl::Duration sleep = absl::Milliseconds(absl::Uniform<int64_t>(
        absl::IntervalClosedClosed, gen, 0, absl::ToInt64Milliseconds(ceiling)));
    if (absl::Now() + sleep >= deadline || !budget.TryRetry()) {
      break;
    }
    absl::SleepFor(sleep);
    ceiling = std::min(ceiling * 2, kCap);
  }
  return status;
}

}  // namespace spanner
