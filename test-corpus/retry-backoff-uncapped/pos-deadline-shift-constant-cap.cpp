// Positive: the same deadline loop, but a constant cap of one second cuts each sleep: a
// five-minute deadline leaves room for hundreds of attempts, and the 64-bit shift overflows at
// the 63rd, before std::min applies.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace registry {

class PeerDirectory {
 public:
  absl::Status FetchIdentity(const std::string& address, std::string* id);
};

absl::Status ResolvePeerId(PeerDirectory& directory, resilience::RetryBudget& budget,
                           const std::string& address, std::string* id) {
  using Clock = std::chrono::steady_clock;
  constexpr int64_t kMaxDelayMs = 1000;
  const Clock::time_point deadline = Clock::now() + std::chrono::minutes(5);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  int attempt = 1;
  while (true) {
    absl::Status status = directory.FetchIdentity(address, id);
    if (status.ok()) {
      return status;
    }
    if (Clock::now() >= deadline || !budget.TryRetry()) {
      return absl::DeadlineExceededError("no identity from " + address);
    }
    int64_t ceiling_ms = std::min<int64_t>(1LL << attempt, kMaxDelayMs);  // expect: retry-backoff-uncapped
    std::uniform_int_distribution<int64_t> spread(0, ceiling_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(spread(rng)));
    ++attempt;
  }
}

}  // namespace registry
