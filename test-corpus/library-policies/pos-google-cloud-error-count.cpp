// Positive: the Cloud Storage client's RetryPolicyOption is LimitedErrorCountRetryPolicy(3):
// it tolerates 3 transient failures, so each call is made up to 3 + 1 = 4 times. The user
// loop retries 3 times around it: 3 x 4 = 12 calls per failed lookup.
#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <google/cloud/storage/client.h>

#include "resilience/retry_budget.h"

namespace archive {

namespace gc = ::google::cloud;
namespace gcs = ::google::cloud::storage;

std::optional<long> ArchivedSize(const std::string& bucket, const std::string& object, resilience::RetryBudget& budget) {
  gcs::Client client(gc::Options{}
                         .set<gcs::RetryPolicyOption>(gcs::LimitedErrorCountRetryPolicy(3).clone())
                         .set<gcs::BackoffPolicyOption>(
                             gcs::ExponentialBackoffPolicy(std::chrono::milliseconds(100), std::chrono::seconds(5), 2.0)
                                 .clone()));
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=12
    gc::StatusOr<gcs::ObjectMetadata> metadata = client.GetObjectMetadata(bucket, object);
    if (metadata.ok()) return metadata.value().size;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace archive
