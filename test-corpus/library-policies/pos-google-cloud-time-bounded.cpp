// Positive, symbolic: the client's RetryPolicyOption is LimitedTimeRetryPolicy(30 s), set on an
// Options variable: google-cloud-cpp retries until 30 s have passed, so its attempts are not
// known. The user loop retries 3 times around it: "3 x attempts-until-deadline", two layers.
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

std::optional<long> RestoredSize(const std::string& bucket, const std::string& object, resilience::RetryBudget& budget) {
  gc::Options options;
  options.set<gcs::RetryPolicyOption>(gcs::LimitedTimeRetryPolicy(std::chrono::seconds(30)).clone());
  gcs::Client client(options);
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout layers=2
    gc::StatusOr<gcs::ObjectMetadata> metadata = client.GetObjectMetadata(bucket, object);
    if (metadata.ok()) return metadata.value().size;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace archive
