// Positive: integer milli-tokens in a std::atomic<int64_t>, credited with fetch_add and no
// maximum; the debit is a compare-exchange loop (not a retry loop). +250 per request against
// 1000 per retry: a 25% ceiling, but only after the banked tokens are gone.
#include <atomic>
#include <cstdint>

namespace ledger {

class RetryTokenBucket {
 public:
  void OnRequest() {
    milli_tokens_.fetch_add(kCreditMilli, std::memory_order_relaxed);  // expect: retry-budget-uncapped
  }

  bool TryRetry() {
    int64_t current = milli_tokens_.load(std::memory_order_relaxed);
    while (current >= kCostMilli) {
      if (milli_tokens_.compare_exchange_weak(current, current - kCostMilli,
                                              std::memory_order_relaxed)) {
        return true;
      }
    }
    return false;
  }

 private:
  static constexpr int64_t kCreditMilli = 250;
  static constexpr int64_t kCostMilli = 1000;

  std::atomic<int64_t> milli_tokens_{0};
};

}  // namespace ledger
