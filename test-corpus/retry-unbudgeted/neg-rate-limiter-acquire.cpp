// Negative: a shared resilience::RateLimiter throttles retries: every retry first takes a permit
// with Acquire(), so the fleet's retry rate is fixed however many requests fail.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/rate_limiter.h"

namespace geo {

class TileCacheClient {
 public:
  absl::Status Invalidate(int zoom, int x, int y);
};

absl::Status InvalidateTile(TileCacheClient& tiles, resilience::RateLimiter& retry_limiter,
                            int zoom, int x, int y) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(1000);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(100);

  absl::Status status = tiles.Invalidate(zoom, x, y);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    retry_limiter.Acquire();
    status = tiles.Invalidate(zoom, x, y);
  }
  return status;
}

}  // namespace geo
