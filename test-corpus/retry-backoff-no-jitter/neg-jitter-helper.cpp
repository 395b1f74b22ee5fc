// Negative: the randomness comes from a helper in the same translation unit, AddJitter(d); the
// analyzer has to look into it to see that the slept delay is random.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace search {

// Returns a delay drawn uniformly from [d/2, d].
std::chrono::milliseconds AddJitter(std::chrono::milliseconds d) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<std::chrono::milliseconds::rep> dist(d.count() / 2, d.count());
  return std::chrono::milliseconds(dist(rng));
}

class IndexWriter {
 public:
  absl::Status Flush(const std::string& shard);
};

absl::Status FlushShard(IndexWriter& writer, resilience::RetryBudget& budget,
                        const std::string& shard) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kMaxDelay(1600);
  std::chrono::milliseconds delay(100);

  budget.OnRequest();
  absl::Status status = writer.Flush(shard);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::this_thread::sleep_for(AddJitter(delay));
    delay = std::min(delay * 2, kMaxDelay);
    status = writer.Flush(shard);
  }
  return status;
}

}  // namespace search
