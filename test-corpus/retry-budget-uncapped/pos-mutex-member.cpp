// Positive: a std::mutex-guarded bucket, +0.1 token per request and 1 per retry, with no
// maximum. After an hour of health at 1,000 requests/s it holds 360,000 tokens, so the first
// 360,000 retries of the next outage are not limited at all.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace catalog {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ += kCreditPerRequest;  // expect: retry-budget-uncapped
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kCostPerRetry) {
      return false;
    }
    tokens_ -= kCostPerRetry;
    return true;
  }

 private:
  static constexpr double kCreditPerRequest = 0.1;
  static constexpr double kCostPerRetry = 1.0;

  std::mutex mu_;
  double tokens_ = 0;
};

class PriceService {
 public:
  absl::Status Reprice(const std::string& sku, long long cents);
};

absl::Status SetPrice(PriceService& prices, RetryBudget& budget, const std::string& sku,
                      long long cents) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = prices.Reprice(sku, cents);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = prices.Reprice(sku, cents);
  }
  return status;
}

}  // namespace catalog
