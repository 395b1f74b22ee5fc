// Negative: the SDK makes one attempt per call, so the user loop is the only retrying layer:
// a client configured with NoRetryStrategy, and one with DefaultRetryStrategy(0) (no retries).
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

std::optional<long> SizeWithoutSdkRetries(const Aws::S3::S3Client& s3, const std::string& bucket,
                                          const std::string& key, resilience::RetryBudget& budget) {
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey(key);
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto outcome = s3.GetObject(request);
    if (outcome.IsSuccess()) return outcome.GetResult().GetContentLength();
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

std::optional<long> ThumbnailSize(const std::string& bucket, const std::string& key, resilience::RetryBudget& budget) {
  Aws::Client::ClientConfiguration config;
  config.retryStrategy = Aws::MakeShared<Aws::Client::NoRetryStrategy>("thumbnails");
  Aws::S3::S3Client s3(config);

  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey(key);
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto outcome = s3.GetObject(request);
    if (outcome.IsSuccess()) return outcome.GetResult().GetContentLength();
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

std::optional<long> PreviewSize(const std::string& bucket, const std::string& key, resilience::RetryBudget& budget) {
  Aws::Client::ClientConfiguration config;
  config.retryStrategy = std::make_shared<Aws::Client::DefaultRetryStrategy>(0, 25);
  Aws::S3::S3Client s3(config);

  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey(key);
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto outcome = s3.GetObject(request);
    if (outcome.IsSuccess()) return outcome.GetResult().GetContentLength();
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return std::nullopt;
}

}  // namespace media
