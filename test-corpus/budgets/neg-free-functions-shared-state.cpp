// Negative: a budget made of free functions around shared state: a namespace-scope balance,
// its mutex, a credit per request capped by an if guard after it, and a predicate. +0.1 per
// request, 1 per retry, at most 10 tokens: retries capped at 10% of requests.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace telemetry {
namespace {

constexpr double kRetryCredit = 0.1;
constexpr double kRetryCost = 1.0;
constexpr double kMaxRetryTokens = 10.0;

std::mutex g_retry_mu;
double g_retry_tokens = kMaxRetryTokens;

void CountRequest() {
  std::lock_guard<std::mutex> lock(g_retry_mu);
  g_retry_tokens += kRetryCredit;
  if (g_retry_tokens > kMaxRetryTokens) {
    g_retry_tokens = kMaxRetryTokens;
  }
}

bool TryRetry() {
  std::lock_guard<std::mutex> lock(g_retry_mu);
  if (g_retry_tokens < kRetryCost) {
    return false;
  }
  g_retry_tokens -= kRetryCost;
  return true;
}

}  // namespace

class MetricsSink {
 public:
  absl::Status Flush(const std::string& batch);
};

absl::Status FlushBatch(MetricsSink& sink, const std::string& batch) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  CountRequest();
  absl::Status status = sink.Flush(batch);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = sink.Flush(batch);
  }
  return status;
}

}  // namespace telemetry
