// Positive: the budget is asked once, before the first attempt; the retries that follow never
// ask again, so one token pays for up to four retries.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace video {

class TranscodeScheduler {
 public:
  absl::Status Enqueue(const std::string& asset_id, const std::string& profile);
};

absl::Status ScheduleTranscode(TranscodeScheduler& scheduler, resilience::RetryBudget& budget,
                               const std::string& asset_id, const std::string& profile) {
  constexpr int kMaxAttempts = 5;
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(125);

  budget.OnRequest();
  if (!budget.TryRetry()) {
    return absl::ResourceExhaustedError("transcode retries exhausted");
  }
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted
    status = scheduler.Enqueue(asset_id, profile);
    if (status.ok() || !absl::IsUnavailable(status) || attempt + 1 == kMaxAttempts) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
  return status;
}

}  // namespace video
