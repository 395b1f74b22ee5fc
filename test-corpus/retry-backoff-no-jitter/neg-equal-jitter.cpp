// Negative: equal jitter, sleep = d/2 + uniform(0, d/2) with d = min(cap, base * 2^attempt).
// Half of the delay is random, which is enough to spread the herd.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace billing {

class InvoiceServiceClient {
 public:
  absl::Status Finalize(const std::string& invoice_id);
};

absl::Status FinalizeInvoice(InvoiceServiceClient& invoices, resilience::RetryBudget& budget,
                             const std::string& invoice_id) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kBase(200);
  constexpr std::chrono::milliseconds kCap(5000);
  thread_local std::mt19937 rng{std::random_device{}()};

  budget.OnRequest();
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        break;
      }
      const std::chrono::milliseconds d = std::min(kCap, kBase * (1 << (attempt - 1)));
      const std::chrono::milliseconds half = d / 2;
      std::uniform_int_distribution<std::chrono::milliseconds::rep> dist(0, half.count());
      std::this_thread::sleep_for(half + std::chrono::milliseconds(dist(rng)));
    }
    status = invoices.Finalize(invoice_id);
    if (status.ok() || !absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace billing
