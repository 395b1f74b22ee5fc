// Negative: an AWS-style quota where a retry that succeeds refunds its whole cost (5 for 5).
// The ratio is 100%, but of successes: under a full outage nothing is refunded, so the quota
// still runs dry after 100 retries. The refund is capped at the initial quota.
#include <algorithm>
#include <mutex>

namespace sync {

class RetryQuota {
 public:
  bool AcquireForRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (quota_ < kRetryCost) return false;
    quota_ -= kRetryCost;
    return true;
  }

  void ReleaseAfterRetrySuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    quota_ = std::min(quota_ + kRetryCost, kInitialQuota);
  }

 private:
  static constexpr int kInitialQuota = 500;
  static constexpr int kRetryCost = 5;

  std::mutex mu_;
  int quota_ = kInitialQuota;
};

}  // namespace sync
