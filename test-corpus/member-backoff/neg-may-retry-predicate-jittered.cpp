// Negative: the loop condition asks `MayRetry()`, which stops after three retries, asks the
// budget, and waits a uniform draw below a capped, doubling member (full jitter). No finding
// of any rule.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "resilience/retry_budget.h"

namespace orders {

class Gateway {
 public:
  bool Submit(int order_id);
};

class OrderSender {
 public:
  bool Send(int order_id) {
    budget_.OnRequest();
    retries_ = 0;
    ceiling_ = std::chrono::milliseconds(250);
    while (!gateway_->Submit(order_id)) {
      if (!MayRetry()) return false;
    }
    return true;
  }

 private:
  bool MayRetry() {
    if (++retries_ > 3 || !budget_.TryRetry()) return false;
    std::uniform_int_distribution<long> draw(0, ceiling_.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(draw(rng_)));
    ceiling_ = std::min(ceiling_ * 2, std::chrono::milliseconds(4000));
    return true;
  }

  Gateway* gateway_ = nullptr;
  resilience::RetryBudget budget_;
  std::mt19937 rng_{std::random_device{}()};
  int retries_ = 0;
  std::chrono::milliseconds ceiling_{250};
};

}  // namespace orders
