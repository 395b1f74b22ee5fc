// Positive: absl::SleepFor(absl::Milliseconds(100) * (1 << i)) between attempts of an operation
// that returns absl::Status.
#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"

namespace bigtable {

struct RowMutation {
  std::string row_key;
  std::string family;
  std::string value;
};

class TableClient {
 public:
  absl::Status MutateRow(const RowMutation& mutation);
};

absl::Status WriteRow(TableClient& table, const RowMutation& mutation) {
  absl::Status status;
  for (int i = 0; i < 5; ++i) {  // expect: retry-unbudgeted
    status = table.MutateRow(mutation);
    if (status.ok() || !absl::IsUnavailable(status)) {
      return status;
    }
    absl::SleepFor(absl::Milliseconds(100) * (1 << i));  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return status;
}

}  // namespace bigtable
