// Diamond: Checkout retries a lambda that reaches CatalogClient::Fetch along two paths, through
// PricingService::Quote and through InventoryService::Hold, each of which retries 2 times over
// a catalog client that retries 3 times. Worst chain: 3 x 2 x 3 = 18 calls to
// CatalogRpc::GetItem. It is one nest: reported once, at its outermost site, and neither the
// two middle layers nor the shared catalog layer is reported again.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace storefront {

template <typename Fn>
auto Retry(resilience::RetryBudget& budget, int max_attempts, Fn&& fn) -> decltype(fn()) {
  constexpr std::chrono::milliseconds kBase(20);
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  auto result = fn();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = fn();
  }
  return result;
}

struct Item {
  std::string sku;
  long price_cents = 0;
  int stock = 0;
};

class CatalogRpc {
 public:
  absl::StatusOr<Item> GetItem(const std::string& sku);
};

class CatalogClient {
 public:
  CatalogClient(CatalogRpc* rpc, resilience::RetryBudget* budget) : rpc_(rpc), budget_(budget) {}
  absl::StatusOr<Item> Fetch(const std::string& sku) {
    return Retry(*budget_, 3, [&] { return rpc_->GetItem(sku); });
  }

 private:
  CatalogRpc* rpc_;
  resilience::RetryBudget* budget_;
};

class PricingService {
 public:
  PricingService(CatalogClient* catalog, resilience::RetryBudget* budget) : catalog_(catalog), budget_(budget) {}
  absl::StatusOr<Item> Quote(const std::string& sku) {
    return Retry(*budget_, 2, [&] { return catalog_->Fetch(sku); });
  }

 private:
  CatalogClient* catalog_;
  resilience::RetryBudget* budget_;
};

class InventoryService {
 public:
  InventoryService(CatalogClient* catalog, resilience::RetryBudget* budget) : catalog_(catalog), budget_(budget) {}
  absl::StatusOr<Item> Hold(const std::string& sku) {
    return Retry(*budget_, 2, [&] { return catalog_->Fetch(sku); });
  }

 private:
  CatalogClient* catalog_;
  resilience::RetryBudget* budget_;
};

class Checkout {
 public:
  Checkout(PricingService* pricing, InventoryService* inventory, resilience::RetryBudget* budget)
      : pricing_(pricing), inventory_(inventory), budget_(budget) {}
  absl::Status Submit(const std::string& sku) {
    return Retry(*budget_, 3, [&]() -> absl::Status {  // expect: retry-nested-fanout fanout=18 layers=3
      absl::StatusOr<Item> quote = pricing_->Quote(sku);
      if (!quote.ok()) return quote.status();
      absl::StatusOr<Item> held = inventory_->Hold(sku);
      return held.ok() ? absl::OkStatus() : held.status();
    });
  }

 private:
  PricingService* pricing_;
  InventoryService* inventory_;
  resilience::RetryBudget* budget_;
};

}  // namespace storefront
