// Near-miss: a 64-bit shift grows the delay with no constant cap, but the loop runs until a
// deadline and each sleep is the grown delay cut only to the time left: reaching attempt 63
// would take 2^63 ms of sleep, so the shift never overflows. Jittered and budgeted: clean.
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
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(30);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  int attempt = 1;
  while (true) {
    absl::Status status = directory.FetchIdentity(address, id);
    if (status.ok()) {
      return status;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline || !budget.TryRetry()) {
      return absl::DeadlineExceededError("no identity from " + address);
    }
    int64_t remaining_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    int64_t base_ms = 1LL << (attempt + 3);
    std::uniform_int_distribution<int64_t> spread(0, base_ms);
    int64_t delay_ms = std::min<int64_t>(spread(rng), remaining_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ++attempt;
  }
}

}  // namespace registry
