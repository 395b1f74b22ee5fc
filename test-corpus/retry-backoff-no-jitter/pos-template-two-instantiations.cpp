// Positive: a retry function template instantiated twice (absl::Status and absl::StatusOr). The
// finding is reported once, at the template's sleep line, not once per instantiation.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace accounts {

template <typename Rpc>
auto RetryRpc(Rpc rpc) -> decltype(rpc()) {
  constexpr int kMaxAttempts = 4;
  std::chrono::milliseconds delay(100);
  auto result = rpc();
  for (int attempt = 1; attempt < kMaxAttempts && !result.ok(); ++attempt) {  // expect: retry-unbudgeted
    std::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter
    delay *= 2;
    result = rpc();
  }
  return result;
}

struct Profile {
  std::string user_id;
  std::string display_name;
};

class UserServiceClient {
 public:
  absl::StatusOr<Profile> GetProfile(const std::string& user_id);
};

class QuotaServiceClient {
 public:
  absl::Status Consume(const std::string& user_id, int units);
};

absl::StatusOr<Profile> LoadProfile(UserServiceClient& users, const std::string& user_id) {
  return RetryRpc([&] { return users.GetProfile(user_id); });
}

absl::Status ChargeQuota(QuotaServiceClient& quota, const std::string& user_id, int units) {
  return RetryRpc([&] { return quota.Consume(user_id, units); });
}

}  // namespace accounts
