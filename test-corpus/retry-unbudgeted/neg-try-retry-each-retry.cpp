// Negative: if (!budget.TryRetry()) break; before each retry: once the budget is spent, a
// failure is returned at once instead of retried.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace recs {

struct Embedding {
  std::string item_id;
  std::string vector_b64;
};

class FeatureStoreClient {
 public:
  absl::StatusOr<Embedding> GetEmbedding(const std::string& item_id);
};

absl::StatusOr<Embedding> FetchEmbedding(FeatureStoreClient& features,
                                         resilience::RetryBudget& budget,
                                         const std::string& item_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kBase(50);
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::StatusOr<Embedding> result = features.GetEmbedding(item_id);
  for (int attempt = 1; attempt < kMaxAttempts && !result.ok(); ++attempt) {
    if (!absl::IsUnavailable(result.status())) {
      break;
    }
    if (!budget.TryRetry()) {
      break;
    }
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = features.GetEmbedding(item_id);
  }
  return result;
}

}  // namespace recs
