// Negative: no explicit cap, but 5 attempts from 100 ms can only reach 100, 200, 400, 800 ms:
// the small constant bound is the cap. Jittered, budgeted, no sleep after the last attempt.
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace notifications {

struct PushMessage {
  std::string device_token;
  std::string title;
  std::string body;
};

class ApnsGateway {
 public:
  absl::Status Send(const PushMessage& message);
};

absl::Status DeliverPush(ApnsGateway& apns, resilience::RetryBudget& budget,
                         const PushMessage& message) {
  constexpr int kMaxAttempts = 5;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds delay(100);

  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        break;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, delay.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      delay *= 2;
    }
    status = apns.Send(message);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace notifications
