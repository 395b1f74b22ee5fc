// Positive: std::min caps the delay only after the shift has overflowed: with 40 attempts the
// product wraps negative at attempt 25, min picks it, and the jitter range becomes invalid.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace kafka {

class TransactionCoordinator {
 public:
  absl::Status InitProducerId(const std::string& transactional_id);
};

absl::Status InitProducer(TransactionCoordinator& coordinator, resilience::RetryBudget& budget,
                          const std::string& transactional_id) {
  constexpr int kMaxAttempts = 40;
  constexpr int kBaseDelayMs = 100;
  constexpr int kMaxDelayMs = 10000;
  thread_local std::mt19937 rng{std::random_device{}()};
  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        break;
      }
      const int ceiling_ms = std::min(kMaxDelayMs, kBaseDelayMs * (1 << attempt));  // expect: retry-backoff-uncapped
      std::uniform_int_distribution<int> jitter(0, ceiling_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    }
    status = coordinator.InitProducerId(transactional_id);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace kafka
