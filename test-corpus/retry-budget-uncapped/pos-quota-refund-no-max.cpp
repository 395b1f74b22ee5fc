// Positive: an AWS-style quota (starts at 500, a retry costs 5) whose success refund has no
// maximum. The initial quota was meant to be the cap, but every success adds 1 more: an hour of
// health at 1,000 successes/s banks 3,600,000 more, 720,000 retries for the next outage.
#include <mutex>

namespace uploads {

class RetryQuota {
 public:
  bool AcquireForRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (quota_ < kRetryCost) return false;
    quota_ -= kRetryCost;
    return true;
  }

  void RefundOnSuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    quota_ += kSuccessRefund;  // expect: retry-budget-uncapped
  }

 private:
  static constexpr int kInitialQuota = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kSuccessRefund = 1;

  std::mutex mu_;
  int quota_ = kInitialQuota;
};

}  // namespace uploads
