// Positive: TryRetry() is called before each retry, but its answer is thrown away: the tokens
// are taken when there are some, and the retry goes out either way.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace dns {

class Resolver {
 public:
  absl::Status Refresh(const std::string& zone);
};

absl::Status RefreshZone(Resolver& resolver, resilience::RetryBudget& budget,
                         const std::string& zone) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = resolver.Refresh(zone);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-unbudgeted
    budget.TryRetry();
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = resolver.Refresh(zone);
  }
  return status;
}

}  // namespace dns
