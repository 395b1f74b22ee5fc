// Positive: while (true) with an attempt counter and break; the counter is checked before the
// sleep, so nothing sleeps after the last attempt.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace pubsub {

struct Message {
  std::string topic;
  std::string data;
};

class PublisherClient {
 public:
  absl::Status Publish(const Message& message);
};

absl::Status PublishWithRetry(PublisherClient& publisher, const Message& message) {
  constexpr int kMaxAttempts = 5;
  std::chrono::milliseconds delay(100);
  int attempt = 0;
  absl::Status status;
  while (true) {  // expect: retry-unbudgeted
    status = publisher.Publish(message);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
    if (++attempt >= kMaxAttempts) {
      break;
    }
    std::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter
    delay = delay * 2;
  }
  return status;
}

}  // namespace pubsub
