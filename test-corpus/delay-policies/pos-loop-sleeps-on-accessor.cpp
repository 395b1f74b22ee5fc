// Positive: a publisher's retry loop sleeps on the interval its C API's accessor returns. The
// accessor is configuration, not a policy of its own, so the delay is read at the loop: the
// same configured interval before every attempt. Reported at the loop, not at the accessor.
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

extern "C" {
struct pub_options_t {
  uint64_t publish_retry_interval_ms = 250;
};

uint64_t pub_options_get_publish_retry_interval(const pub_options_t* options) {
  return options->publish_retry_interval_ms;
}
}  // extern "C"

namespace pub {

class Broker {
 public:
  absl::Status Publish(const std::string& topic, const std::string& payload);
};

absl::Status PublishWithRetry(Broker& broker, resilience::RetryBudget& budget, const pub_options_t* options,
                              const std::string& topic, const std::string& payload) {
  budget.OnRequest();
  absl::Status status = broker.Publish(topic, payload);
  for (int attempt = 1; attempt < 5 && absl::IsUnavailable(status); ++attempt) {  // expect: retry-no-backoff
    if (!budget.TryRetry()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(pub_options_get_publish_retry_interval(options)));
    status = broker.Publish(topic, payload);
  }
  return status;
}

}  // namespace pub
