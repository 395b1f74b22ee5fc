// Positive: an S3 client built from a default ClientConfiguration gets the SDK's default
// retry strategy: DefaultRetryStrategy(maxRetries = 10, scaleFactor = 25), so the SDK sends
// each GetObject up to 1 + 10 = 11 times (aws-cpp-sdk-core: InitRetryStrategy picks it when
// neither AWS_RETRY_MODE nor the profile's retry_mode is set). The user loop retries 3 times
// around it: 3 x 11 = 33 requests reach S3 per failed download.
#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <aws/core/client/ClientConfiguration.h>
#include <aws/s3/S3Client.h>

#include "resilience/retry_budget.h"

namespace media {

std::optional<long> ObjectSize(const std::string& bucket, const std::string& key, resilience::RetryBudget& budget) {
  Aws::Client::ClientConfiguration config;
  config.region = "eu-west-1";
  Aws::S3::S3Client s3(config);

  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey(key);
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=33
    Aws::S3::Model::GetObjectOutcome outcome = s3.GetObject(request);
    if (outcome.IsSuccess()) return outcome.GetResult().GetContentLength();
    if (!outcome.GetError().ShouldRetry()) break;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace media
