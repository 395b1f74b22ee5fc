// Negative: the budget is asked after the backoff sleep but before the retry it pays for.
// Every retry is still paid for, so the load stays bounded; a refused retry has only cost the
// caller one sleep.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace audit {

class AuditLog {
 public:
  absl::Status Append(const std::string& record);
};

absl::Status Record(AuditLog& log, resilience::RetryBudget& budget, const std::string& record) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = log.Append(record);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    if (!budget.TryRetry()) {
      break;
    }
    status = log.Append(record);
  }
  return status;
}

}  // namespace audit
