// Negative: full jitter, sleep = uniform_int_distribution(0, min(cap, base * 2^attempt)).
// Bounded, capped, budgeted, and no sleep after the last attempt: no finding of any rule.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace catalog {

struct Product {
  std::string sku;
  std::string title;
};

class ProductServiceClient {
 public:
  absl::StatusOr<Product> Lookup(const std::string& sku);
};

absl::StatusOr<Product> LookupProduct(ProductServiceClient& products,
                                      resilience::RetryBudget& budget, const std::string& sku) {
  constexpr int kMaxAttempts = 5;
  constexpr std::chrono::milliseconds kBase(100);
  constexpr std::chrono::milliseconds kCap(3000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  for (int attempt = 0;; ++attempt) {
    absl::StatusOr<Product> product = products.Lookup(sku);
    if (product.ok() || !absl::IsUnavailable(product.status())) {
      return product;
    }
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) {
      return product;
    }
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> dist(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng)));
  }
}

}  // namespace catalog
