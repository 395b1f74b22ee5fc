// Negative: the credit is followed by an if that clamps the balance to its maximum.
#include <mutex>

namespace feeds {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ += kCredit;
    if (tokens_ > kMaxTokens) {
      tokens_ = kMaxTokens;
    }
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kCost) return false;
    tokens_ -= kCost;
    return true;
  }

 private:
  static constexpr double kCredit = 0.1;
  static constexpr double kCost = 1.0;
  static constexpr double kMaxTokens = 10.0;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

}  // namespace feeds
