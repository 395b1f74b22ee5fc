// Negative: a client-side retry throttle in the style of gRPC's retryThrottling: failures drain
// tokens, successes refill them up to a maximum, and AllowRetry() is asked before each retry.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace inventory {

class RetryThrottle {
 public:
  RetryThrottle(double max_tokens, double token_ratio)
      : max_tokens_(max_tokens), token_ratio_(token_ratio), tokens_(max_tokens) {}

  void OnSuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(max_tokens_, tokens_ + token_ratio_);
  }

  void OnFailure() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::max(0.0, tokens_ - 1.0);
  }

  // Retries are allowed while more than half of the tokens remain.
  bool AllowRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    return tokens_ > max_tokens_ / 2;
  }

 private:
  const double max_tokens_;
  const double token_ratio_;
  std::mutex mu_;
  double tokens_;
};

class StockServiceClient {
 public:
  absl::Status Decrement(const std::string& sku, int quantity);
};

absl::Status DecrementStock(StockServiceClient& stock, RetryThrottle& throttle,
                            const std::string& sku, int quantity) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!throttle.AllowRetry()) {
        break;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
    status = stock.Decrement(sku, quantity);
    if (status.ok()) {
      throttle.OnSuccess();
      break;
    }
    throttle.OnFailure();
    if (!absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace inventory
