// Negative: the loop asks a RetryPolicy, a class of its own, whether to retry; the policy asks
// a budget whose names (Credit, Withdraw on RetryCredits) are not built in. The analyzer
// recognises RetryCredits as a budget (+0.1 per request, 1 per retry, at most 10) and
// RetryPolicy::ShouldRetry as a helper that returns its answer, so the loop is budgeted.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace orders {

class RetryCredits {
 public:
  void Credit() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + 0.1, 10.0);
  }

  bool Withdraw() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  std::mutex mu_;
  double tokens_ = 10.0;
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryCredits* credits) : credits_(credits) {}

  void OnRequest() { credits_->Credit(); }

  bool ShouldRetry(const absl::Status& status) {
    return absl::IsUnavailable(status) && credits_->Withdraw();
  }

 private:
  RetryCredits* credits_;
};

class FulfillmentClient {
 public:
  absl::Status Ship(const std::string& order_id);
};

absl::Status ShipOrder(FulfillmentClient& fulfillment, RetryPolicy& policy,
                       const std::string& order_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  policy.OnRequest();
  absl::Status status = fulfillment.Ship(order_id);
  for (int attempt = 1; attempt < kMaxAttempts && !status.ok() && policy.ShouldRetry(status);
       ++attempt) {
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = fulfillment.Ship(order_id);
  }
  return status;
}

}  // namespace orders
