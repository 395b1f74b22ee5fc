// Positive: a do/while whose failure branch sleeps before the loop condition is checked, so the
// last failed attempt also sleeps before the loop gives up.
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
  absl::Status Deploy(const std::string& coordinates, const std::string& jar_path);
};

absl::Status PublishArtifact(ArtifactRepository& repo, resilience::RetryBudget& budget,
                             const std::string& coordinates, const std::string& jar_path) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(4000);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(1000);

  budget.OnRequest();
  absl::Status status;
  int attempt = 0;
  do {
    status = repo.Deploy(coordinates, jar_path);
    if (!status.ok()) {
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));  // expect: retry-sleep-after-final-attempt
      ceiling = std::min(ceiling * 2, kCap);
    }
  } while (!status.ok() && ++attempt < kMaxAttempts && budget.TryRetry());
  return status;
}

}  // namespace ci
