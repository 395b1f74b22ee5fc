// The retry loop of policies-split/: bounded, budgeted, no sleep after its last attempt, and it
// sleeps on a strategy whose only override is in strategy.cpp. Alone, the delay is not visible
// and this file is clean; linked, the sleep is reported with the strategy's delays.
#include <string>
#include <thread>

#include "include/snapshot.h"
#include "resilience/retry_budget.h"

namespace snapshot {

bool UploadSnapshot(Store& store, const RetryStrategy& strategy, resilience::RetryBudget& budget,
                    const std::string& name, const std::string& bytes) {
  constexpr int kMaxAttempts = 4;
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (store.Upload(name, bytes).ok()) return true;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::this_thread::sleep_for(strategy.DelayBeforeNextRetry(attempt));
  }
  return false;
}

}  // namespace snapshot
