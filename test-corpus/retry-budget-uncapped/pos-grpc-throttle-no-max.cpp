// Positive: a gRPC-style throttle (each failure costs 1, retries allowed while more than half
// of max_tokens remain) whose success credit forgot the std::min: the tokens rise past
// max_tokens without limit, so the half-of-maximum threshold stops nothing after a healthy day.
#include <algorithm>
#include <mutex>

namespace media {

class RetryThrottle {
 public:
  void OnSuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ += kTokenRatio;  // expect: retry-budget-uncapped
  }

  void OnFailure() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::max(0.0, tokens_ - 1.0);
  }

  bool AllowRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    return tokens_ > kMaxTokens / 2;
  }

 private:
  static constexpr double kMaxTokens = 10.0;
  static constexpr double kTokenRatio = 0.1;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

}  // namespace media
