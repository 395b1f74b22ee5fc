// Positive: while (true) with an attempt counter and a break-out; each failed grant is re-sent at
// once. Bounded and budgeted, so only the missing delay is wrong.
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace coord {

struct Lease {
  int64_t id = 0;
  int64_t ttl_seconds = 0;
};

class LeaseClient {
 public:
  absl::StatusOr<Lease> Grant(int64_t ttl_seconds);
};

absl::StatusOr<Lease> GrantLease(LeaseClient& leases, resilience::RetryBudget& budget,
                                 int64_t ttl_seconds) {
  constexpr int kMaxAttempts = 5;
  int attempts = 0;
  budget.OnRequest();
  absl::StatusOr<Lease> lease = absl::UnavailableError("not attempted");
  while (true) {  // expect: retry-no-backoff
    lease = leases.Grant(ttl_seconds);
    ++attempts;
    if (lease.ok() || !absl::IsUnavailable(lease.status())) {
      break;
    }
    if (attempts >= kMaxAttempts || !budget.TryRetry()) {
      break;
    }
  }
  return lease;
}

}  // namespace coord
