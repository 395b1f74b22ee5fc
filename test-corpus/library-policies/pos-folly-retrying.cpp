// Positive: folly::futures::retrying runs the fetch up to 5 tries
// (retryingPolicyCappedJitteredExponentialBackoff(5, ...)), and the user loop around it retries
// 3 times: 3 x 5 = 15 fetches per failed lookup.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <folly/futures/Retrying.h>

#include "resilience/retry_budget.h"

namespace profiles {

class ProfileStore {
 public:
  std::optional<std::string> Fetch(const std::string& user_id);
};

std::optional<std::string> LoadProfile(ProfileStore& store, const std::string& user_id, resilience::RetryBudget& budget) {
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=15
    std::optional<std::string> profile =
        folly::futures::retrying(
            folly::futures::retryingPolicyCappedJitteredExponentialBackoff(
                5, std::chrono::milliseconds(50), std::chrono::milliseconds(1000), 0.5),
            [&](std::size_t) { return folly::makeFuture(store.Fetch(user_id)); })
            .get();
    if (profile) return profile;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace profiles
