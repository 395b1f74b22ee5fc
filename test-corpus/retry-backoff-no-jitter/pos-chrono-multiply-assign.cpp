// Positive: a std::chrono::milliseconds delay doubled with `*= 2` after each sleep. The loop is
// otherwise clean (bounded, budgeted, no sleep after the last attempt): only the jitter is missing.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "resilience/retry_budget.h"

namespace streaming {

struct TopicMetadata {
  std::string topic;
  std::vector<int> partition_leaders;
};

class BrokerClient {
 public:
  std::optional<TopicMetadata> FetchMetadata(const std::string& topic);
};

std::optional<TopicMetadata> RefreshMetadata(BrokerClient& broker,
                                             resilience::RetryBudget& budget,
                                             const std::string& topic) {
  constexpr int kMaxAttempts = 4;
  std::chrono::milliseconds backoff(100);
  budget.OnRequest();
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    if (auto metadata = broker.FetchMetadata(topic)) {
      return metadata;
    }
    if (attempt == kMaxAttempts || !budget.TryRetry()) {
      break;
    }
    std::this_thread::sleep_for(backoff);  // expect: retry-backoff-no-jitter
    backoff *= 2;
  }
  return std::nullopt;
}

}  // namespace streaming
