// Positive: a constant 100 ms pause between attempts. A fixed delay does not back off: the
// dependency sees the same retry rate however long it has been failing.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace objstore {

struct PartRef {
  std::string upload_id;
  int part_number = 0;
};

class S3Client {
 public:
  absl::Status UploadPart(const PartRef& part, const std::string& bytes);
};

absl::Status UploadPartWithRetry(S3Client& s3, resilience::RetryBudget& budget,
                                 const PartRef& part, const std::string& bytes) {
  using namespace std::chrono_literals;
  constexpr int kMaxAttempts = 4;
  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-no-backoff
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        break;
      }
      std::this_thread::sleep_for(100ms);
    }
    status = s3.UploadPart(part, bytes);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace objstore
