// Positive: the budget is asked only before the first retry (attempt == 1); the second and
// third retries go out whatever the budget holds, so one token buys three retries.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace notify {

class PushGateway {
 public:
  absl::Status Push(const std::string& device_token, const std::string& message);
};

absl::Status SendPush(PushGateway& gateway, resilience::RetryBudget& budget,
                      const std::string& device_token, const std::string& message) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(800);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(100);

  budget.OnRequest();
  absl::Status status = gateway.Push(device_token, message);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-unbudgeted
    if (attempt == 1) {
      if (!budget.TryRetry()) {
        break;
      }
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = gateway.Push(device_token, message);
  }
  return status;
}

}  // namespace notify
