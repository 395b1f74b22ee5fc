// Positive: the loop sleeps, retries, and only then asks the budget. The first retry of every
// request is never asked for, so under a full outage each request still costs two calls
// however empty the budget is.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace kv {

class KeyValueStore {
 public:
  absl::Status Put(const std::string& key, const std::string& value);
};

absl::Status Write(KeyValueStore& store, resilience::RetryBudget& budget, const std::string& key,
                   const std::string& value) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = store.Put(key, value);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-unbudgeted
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = store.Put(key, value);
    if (!status.ok() && !budget.TryRetry()) {
      break;
    }
  }
  return status;
}

}  // namespace kv
