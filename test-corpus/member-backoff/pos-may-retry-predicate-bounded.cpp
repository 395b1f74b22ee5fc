// Positive: the loop condition asks a predicate whether to go round again, and the predicate
// does the waiting: `MayRetry()` counts the attempt against a limit, sleeps on a member and
// doubles it (capped). A retry of 4 attempts with a growing, unjittered delay and no budget.
#include <algorithm>
#include <chrono>
#include <thread>

namespace orders {

class Gateway {
 public:
  bool Submit(int order_id);
};

class OrderSender {
 public:
  bool Send(int order_id) {
    retries_ = 0;
    backoff_ = std::chrono::milliseconds(250);
    while (!gateway_->Submit(order_id) && MayRetry()) {  // expect: retry-backoff-no-jitter says="sleeps on `orders::OrderSender::backoff_`, which gives 250, 500, 1000, 2000, 4000", retry-unbudgeted says="bounded by `kMaxRetries`"
    }
    return retries_ <= kMaxRetries;
  }

 private:
  bool MayRetry() {
    if (++retries_ > kMaxRetries) return false;
    std::this_thread::sleep_for(backoff_);
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(4000));
    return true;
  }

  static constexpr int kMaxRetries = 3;
  Gateway* gateway_ = nullptr;
  int retries_ = 0;
  std::chrono::milliseconds backoff_{250};
};

}  // namespace orders
