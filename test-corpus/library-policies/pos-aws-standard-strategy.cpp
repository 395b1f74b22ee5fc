// Positive: the client's configuration sets StandardRetryStrategy with its default of 3
// attempts in all (and a retry quota, the SDK's budget: a retry costs 5 tokens, a success
// gives 1 back). The user loop retries 4 times around it: 4 x 3 = 12 requests per failed
// read, 4 x 1.2 = 4.8 once the quota is spent.
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <aws/core/client/ClientConfiguration.h>
#include <aws/core/utils/memory/AWSMemory.h>
#include <aws/s3/S3Client.h>

#include "resilience/retry_budget.h"

namespace media {

std::optional<long> ManifestSize(const std::string& bucket, resilience::RetryBudget& budget) {
  Aws::S3::S3ClientConfiguration config;
  config.retryStrategy = Aws::MakeShared<Aws::Client::StandardRetryStrategy>("manifest");
  auto s3 = std::make_shared<Aws::S3::S3Client>(config);

  constexpr int kMaxAttempts = 4;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey("manifest.json");
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=12
    auto outcome = s3->GetObject(request);
    if (outcome.IsSuccess()) return outcome.GetResult().GetContentLength();
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace media
