// Negative: the budget is consulted through a member helper, ShouldRetry(), that wraps
// budget_.TryRetry(); the analyzer has to look into the helper to see it.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace chat {

struct MessageId {
  std::string channel;
  long long sequence = 0;
};

class MessageStore {
 public:
  absl::StatusOr<MessageId> Append(const std::string& channel, const std::string& text);
};

class ChannelWriter {
 public:
  explicit ChannelWriter(MessageStore* store) : store_(store) {}

  absl::StatusOr<MessageId> Post(const std::string& channel, const std::string& text) {
    constexpr int kMaxAttempts = 4;
    constexpr std::chrono::milliseconds kCap(1000);
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds ceiling(80);

    budget_.OnRequest();
    absl::StatusOr<MessageId> id = store_->Append(channel, text);
    for (int attempt = 1; attempt < kMaxAttempts && !id.ok(); ++attempt) {
      if (!absl::IsUnavailable(id.status()) || !ShouldRetry()) {
        break;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
      id = store_->Append(channel, text);
    }
    return id;
  }

 private:
  bool ShouldRetry() { return budget_.TryRetry(); }

  MessageStore* store_;
  resilience::RetryBudget budget_;
};

}  // namespace chat
