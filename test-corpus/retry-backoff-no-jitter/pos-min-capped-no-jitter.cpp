// Positive: delay = std::min(delay * 2, cap). The cap bounds the delay but does not spread the
// clients: once they reach the cap they all sleep exactly the cap, in step.
#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace mail {

class SmtpRelay {
 public:
  absl::Status Send(const std::string& envelope);
};

absl::Status SendWithRetry(SmtpRelay& relay, resilience::RetryBudget& budget,
                           const std::string& envelope) {
  constexpr int kMaxAttempts = 6;
  constexpr std::chrono::milliseconds kMaxDelay(2000);
  std::chrono::milliseconds delay(200);
  budget.OnRequest();
  absl::Status status = relay.Send(envelope);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter
    delay = std::min(delay * 2, kMaxDelay);
    status = relay.Send(envelope);
  }
  return status;
}

}  // namespace mail
