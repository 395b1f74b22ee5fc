// Classic incident 1, fixed: full jitter uniform(0, min(cap, base * 2^attempt)), no sleep after
// the final attempt, and every retry is paid for from a capped retry budget.
#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <system_error>
#include <thread>

namespace inventory {

// Token bucket: +0.1 token per request, 1 token per retry, at most kMaxTokens banked.
class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + 0.1, kMaxTokens);
  }
  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  static constexpr double kMaxTokens = 10.0;
  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

std::error_code CallWithRetry(RetryBudget& budget, const std::function<std::error_code()>& fn) {
  constexpr int kMaxAttempts = 5;
  constexpr std::chrono::milliseconds kBase(100);
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  std::error_code err;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    err = fn();
    if (!err) {
      return {};
    }
    // Sleep only when another attempt follows, and only if the budget pays for it.
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) {
      break;
    }
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> full_jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(full_jitter(rng)));
  }
  return err;
}

class StockClient {
 public:
  std::error_code Reserve(const std::string& sku, int quantity);
};

std::error_code ReserveItem(RetryBudget& budget, StockClient& stock, const std::string& sku,
                            int quantity) {
  return CallWithRetry(budget, [&] { return stock.Reserve(sku, quantity); });
}

}  // namespace inventory
