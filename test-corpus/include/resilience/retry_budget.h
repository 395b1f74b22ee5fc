// A capped token-bucket retry budget, shared by the corpus's clean retry loops: +0.1 token per
// request, 1 token per retry, never more than 10 tokens banked.
#ifndef RESILIENCE_RETRY_BUDGET_H_
#define RESILIENCE_RETRY_BUDGET_H_

#include <algorithm>
#include <mutex>

namespace resilience {

class RetryBudget {
 public:
  // Call once per logical request, before its first attempt.
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + kCreditPerRequest, kMaxTokens);
  }

  // Call before each retry; false means the budget is spent: fail fast instead of retrying.
  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kCostPerRetry) return false;
    tokens_ -= kCostPerRetry;
    return true;
  }

 private:
  static constexpr double kCreditPerRequest = 0.1;
  static constexpr double kCostPerRetry = 1.0;
  static constexpr double kMaxTokens = 10.0;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

}  // namespace resilience

#endif  // RESILIENCE_RETRY_BUDGET_H_
