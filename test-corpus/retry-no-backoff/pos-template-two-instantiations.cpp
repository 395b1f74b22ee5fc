// Positive: a budgeted retry template with no delay, instantiated for absl::Status and for
// absl::StatusOr<Secret>. One finding, at the template's loop, not one per instantiation.
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace secrets {

template <typename Call>
auto CallWithRetry(resilience::RetryBudget& budget, int max_attempts, Call call)
    -> decltype(call()) {
  budget.OnRequest();
  auto result = call();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {  // expect: retry-no-backoff
    if (!budget.TryRetry()) {
      break;
    }
    result = call();
  }
  return result;
}

struct Secret {
  std::string path;
  std::string value;
  int version = 0;
};

class VaultClient {
 public:
  absl::StatusOr<Secret> Read(const std::string& path);
  absl::Status RenewLease(const std::string& lease_id);
};

absl::StatusOr<Secret> ReadSecret(VaultClient& vault, resilience::RetryBudget& budget,
                                  const std::string& path) {
  return CallWithRetry(budget, 3, [&] { return vault.Read(path); });
}

absl::Status RenewLease(VaultClient& vault, resilience::RetryBudget& budget,
                        const std::string& lease_id) {
  return CallWithRetry(budget, 3, [&] { return vault.RenewLease(lease_id); });
}

}  // namespace secrets
