// Positive: the attempt bound comes from the caller (max_attempts), so nothing limits
// base_ms << attempt: 30 attempts from 100 ms allow a 310-day wait; past attempt 56 it overflows.
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace queueing {

struct Message {
  std::string queue_url;
  std::string body;
};

class SqsClient {
 public:
  absl::Status SendMessage(const Message& message);
};

absl::Status SendWithRetry(SqsClient& sqs, resilience::RetryBudget& budget,
                           const Message& message, int max_attempts, int64_t base_ms) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    status = sqs.SendMessage(message);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
    if (attempt + 1 == max_attempts || !budget.TryRetry()) {
      break;
    }
    const int64_t ceiling_ms = base_ms << attempt;  // expect: retry-backoff-uncapped
    std::uniform_int_distribution<int64_t> jitter(0, ceiling_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
  return status;
}

}  // namespace queueing
