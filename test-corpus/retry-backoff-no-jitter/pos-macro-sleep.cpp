// Positive: the sleep is hidden in a project macro; the finding is reported where the macro is
// invoked with the growing delay, not at the #define.
#include <chrono>
#include <string>
#include <thread>

#define SLEEP_MS(ms) std::this_thread::sleep_for(std::chrono::milliseconds(ms))

namespace telemetry {

class CollectorClient {
 public:
  bool Export(const std::string& batch);
};

bool ExportBatch(CollectorClient& collector, const std::string& batch) {
  constexpr int kMaxAttempts = 5;
  constexpr long kBaseDelayMs = 100;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted
    if (collector.Export(batch)) {
      return true;
    }
    if (attempt + 1 < kMaxAttempts) {
      SLEEP_MS(kBaseDelayMs << attempt);  // expect: retry-backoff-no-jitter
    }
  }
  return false;
}

}  // namespace telemetry
