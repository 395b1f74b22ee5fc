// Suppression: NOLINTNEXTLINE on the line before. A bare one silences the loop line, one naming
// retry-backoff-no-jitter silences the sleep. A one-user CLI has no herd to spread.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace deploycli {

class ReleaseApi {
 public:
  absl::Status UploadBundle(const std::string& app, const std::string& bundle_path);
};

absl::Status Upload(ReleaseApi& api, const std::string& app, const std::string& bundle_path) {
  constexpr int kMaxAttempts = 4;
  std::chrono::milliseconds delay(500);
  absl::Status status;
  // NOLINTNEXTLINE
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    status = api.UploadBundle(app, bundle_path);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
    if (attempt + 1 < kMaxAttempts) {
      // NOLINTNEXTLINE(retry-backoff-no-jitter)
      std::this_thread::sleep_for(delay);
      delay *= 2;
    }
  }
  return status;
}

}  // namespace deploycli
