// Negative: if (attempt == kMaxAttempts - 1) break; comes before the sleep, so the loop leaves
// right after the last failed attempt.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace ci {

class ArtifactRepository {
 public:
  absl::Status PromoteRelease(const std::string& staging_repo_id);
};

absl::Status Promote(ArtifactRepository& repo, resilience::RetryBudget& budget,
                     const std::string& staging_repo_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(4000);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(1000);

  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    status = repo.PromoteRelease(staging_repo_id);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
    if (attempt == kMaxAttempts - 1) {
      break;
    }
    if (!budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
  return status;
}

}  // namespace ci
