// Negative: the credit returns early once the bucket is full, which bounds it.
#include <mutex>

namespace wallet {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ >= kMaxTokens) return;
    tokens_ += kCredit;
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ >= kCost) {
      tokens_ -= kCost;
      return true;
    }
    return false;
  }

 private:
  static constexpr double kCredit = 0.1;
  static constexpr double kCost = 1.0;
  static constexpr double kMaxTokens = 10.0;

  std::mutex mu_;
  double tokens_ = 0;
};

}  // namespace wallet
