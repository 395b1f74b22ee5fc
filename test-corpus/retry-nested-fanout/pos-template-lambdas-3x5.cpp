// Positive: a budgeted, jittered retry template called with lambdas at two layers. Checkout
// retries PlaceOrder 3 times and the inventory client retries each reservation 5 times, so
// one failed order reaches StockLedger::Decrement 3 x 5 = 15 times.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace shop {

// Calls op up to max_attempts times with capped, fully jittered backoff while the budget allows.
template <typename Op>
auto RetryWithBackoff(resilience::RetryBudget& budget, int max_attempts, Op&& op) -> decltype(op()) {
  constexpr std::chrono::milliseconds kBase(25);
  constexpr std::chrono::milliseconds kCap(1000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  auto result = op();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = op();
  }
  return result;
}

struct Reservation {
  std::string sku;
  int quantity = 0;
};

class StockLedger {
 public:
  absl::StatusOr<Reservation> Decrement(const std::string& sku, int quantity);
};

class InventoryClient {
 public:
  InventoryClient(StockLedger* ledger, resilience::RetryBudget* budget)
      : ledger_(ledger), budget_(budget) {}

  absl::StatusOr<Reservation> Reserve(const std::string& sku, int quantity) {
    return RetryWithBackoff(*budget_, 5, [&] { return ledger_->Decrement(sku, quantity); });
  }

 private:
  StockLedger* ledger_;
  resilience::RetryBudget* budget_;
};

class CheckoutService {
 public:
  CheckoutService(InventoryClient* inventory, resilience::RetryBudget* budget)
      : inventory_(inventory), budget_(budget) {}

  absl::StatusOr<Reservation> PlaceOrder(const std::string& sku, int quantity) {
    return RetryWithBackoff(*budget_, 3, [&] {  // expect: retry-nested-fanout fanout=15
      return inventory_->Reserve(sku, quantity);
    });
  }

 private:
  InventoryClient* inventory_;
  resilience::RetryBudget* budget_;
};

}  // namespace shop
