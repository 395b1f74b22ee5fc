// Positive: a capped bucket that credits as much per request as a retry costs (+1 per request,
// 1 per retry). Its ceiling is 100% of requests: under a full outage every request pays for a
// retry, load doubles, and the budget protects nothing.
#include <algorithm>
#include <mutex>

namespace profile {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + kCreditPerRequest, kMaxTokens);  // expect: retry-budget-uncapped
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ >= kCostPerRetry) {
      tokens_ -= kCostPerRetry;
      return true;
    }
    return false;
  }

 private:
  static constexpr double kCreditPerRequest = 1.0;
  static constexpr double kCostPerRetry = 1.0;
  static constexpr double kMaxTokens = 10.0;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

}  // namespace profile
