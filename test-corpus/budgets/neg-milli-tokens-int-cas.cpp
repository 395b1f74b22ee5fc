// Negative: integer milli-tokens in a std::atomic<int64_t>, updated by compare-exchange loops
// (which spin on the atomic and are not retry loops). +100 milli-tokens per request, 1000 per
// retry, at most 10,000 banked: retries capped at 10% of requests.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace billing {

class MilliTokenBucket {
 public:
  void RecordRequest() {
    int64_t current = milli_tokens_.load(std::memory_order_relaxed);
    int64_t next;
    do {
      next = std::min(current + kCreditMilli, kMaxMilli);
    } while (!milli_tokens_.compare_exchange_weak(current, next, std::memory_order_relaxed));
  }

  bool TryRetry() {
    int64_t current = milli_tokens_.load(std::memory_order_relaxed);
    do {
      if (current < kCostMilli) {
        return false;
      }
    } while (!milli_tokens_.compare_exchange_weak(current, current - kCostMilli,
                                                  std::memory_order_relaxed));
    return true;
  }

 private:
  static constexpr int64_t kCreditMilli = 100;
  static constexpr int64_t kCostMilli = 1000;
  static constexpr int64_t kMaxMilli = 10000;

  std::atomic<int64_t> milli_tokens_{kMaxMilli};
};

class InvoiceService {
 public:
  absl::Status Finalize(const std::string& invoice_id);
};

absl::Status FinalizeInvoice(InvoiceService& invoices, MilliTokenBucket& bucket,
                             const std::string& invoice_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(1000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(100);

  bucket.RecordRequest();
  absl::Status status = invoices.Finalize(invoice_id);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!bucket.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = invoices.Finalize(invoice_id);
  }
  return status;
}

}  // namespace billing
