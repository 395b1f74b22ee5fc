// Negative: decorrelated jitter, sleep = min(cap, uniform(base, prev * 3)); each delay is drawn
// from a range that grows from the previous random delay.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace dns {

class RecordStoreClient {
 public:
  absl::Status Upsert(const std::string& zone, const std::string& record);
};

absl::Status UpsertRecord(RecordStoreClient& store, resilience::RetryBudget& budget,
                          const std::string& zone, const std::string& record) {
  constexpr int kMaxAttempts = 6;
  constexpr std::chrono::milliseconds kBase(50);
  constexpr std::chrono::milliseconds kCap(4000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  std::chrono::milliseconds sleep = kBase;
  absl::Status status = store.Upsert(zone, record);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> dist(kBase.count(),
                                                                       sleep.count() * 3);
    sleep = std::min(kCap, std::chrono::milliseconds(dist(rng)));
    std::this_thread::sleep_for(sleep);
    status = store.Upsert(zone, record);
  }
  return status;
}

}  // namespace dns
