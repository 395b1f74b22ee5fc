// Negative: the same shape as a retry-until-success loop, but capped at 6 attempts; capped full
// jitter, budgeted, no sleep after the last attempt.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace checkout {

struct Refund {
  std::string refund_id;
  long long amount_cents = 0;
};

class PaymentProcessor {
 public:
  absl::StatusOr<Refund> IssueRefund(const std::string& charge_id, long long amount_cents);
};

absl::StatusOr<Refund> RefundCharge(PaymentProcessor& processor, resilience::RetryBudget& budget,
                                    const std::string& charge_id, long long amount_cents) {
  constexpr int kMaxAttempts = 6;
  constexpr std::chrono::milliseconds kBase(100);
  constexpr std::chrono::milliseconds kCap(10000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling = kBase;

  budget.OnRequest();
  int attempts = 0;
  while (true) {
    absl::StatusOr<Refund> refund = processor.IssueRefund(charge_id, amount_cents);
    if (refund.ok() || !absl::IsUnavailable(refund.status())) {
      return refund;
    }
    if (++attempts >= kMaxAttempts || !budget.TryRetry()) {
      return refund;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}

}  // namespace checkout
