// Positive: the loop credits the budget with OnRequest() but never spends from it with
// TryRetry(), so the budget fills up and limits nothing.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace ads {

struct Impression {
  std::string campaign_id;
  std::string creative_id;
  long long timestamp_ms = 0;
};

class ImpressionLogger {
 public:
  absl::Status Log(const Impression& impression);
};

absl::Status RecordImpression(ImpressionLogger& logger, resilience::RetryBudget& budget,
                              const Impression& impression) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(800);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(100);

  budget.OnRequest();
  absl::Status status = logger.Log(impression);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-unbudgeted
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = logger.Log(impression);
  }
  return status;
}

}  // namespace ads
