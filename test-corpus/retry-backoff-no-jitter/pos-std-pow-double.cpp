// Positive: a double millisecond delay from std::pow(2, attempt), computed on its own line and
// slept as duration<double, milli>; the finding belongs on the sleep line.
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

namespace blobstore {

struct PartRequest {
  std::string upload_id;
  int part_number = 0;
  std::string bytes;
};

class ObjectStoreClient {
 public:
  bool UploadPart(const PartRequest& part);
};

bool UploadPartWithRetry(ObjectStoreClient& store, const PartRequest& part) {
  constexpr int kMaxAttempts = 5;
  constexpr double kBaseDelayMs = 50.0;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted
    if (store.UploadPart(part)) {
      return true;
    }
    if (attempt + 1 == kMaxAttempts) {
      break;
    }
    const double delay_ms = kBaseDelayMs * std::pow(2, attempt);
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(delay_ms));  // expect: retry-backoff-no-jitter
  }
  return false;
}

}  // namespace blobstore
