// Positive: a growing delay plus a constant "jitter" (delay + 10ms). Adding the same 10 ms in
// every client shifts the wave but does not spread it, so this is still no jitter.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace geo {

class TileServerClient {
 public:
  absl::Status Prefetch(const std::string& tile_id);
};

absl::Status PrefetchTile(TileServerClient& tiles, resilience::RetryBudget& budget,
                          const std::string& tile_id) {
  using namespace std::chrono_literals;
  constexpr int kMaxAttempts = 4;
  constexpr auto kFudge = 10ms;  // "jitter"
  auto delay = 100ms;
  budget.OnRequest();
  absl::Status status = tiles.Prefetch(tile_id);
  for (int attempt = 1; attempt < kMaxAttempts && !status.ok(); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::this_thread::sleep_for(delay + kFudge);  // expect: retry-backoff-no-jitter
    delay *= 2;
    status = tiles.Prefetch(tile_id);
  }
  return status;
}

}  // namespace geo
