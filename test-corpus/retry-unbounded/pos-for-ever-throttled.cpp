// Positive: for (;;) until the lock is taken. A process-wide rate limiter throttles the attempts,
// but nothing ends this request's retries: no attempt cap, no deadline.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "resilience/rate_limiter.h"

namespace batch {

class ZooKeeperLock {
 public:
  // false if another owner holds the lock or the ensemble did not answer
  bool TryLock(const std::string& path, const std::string& owner);
};

void LockPartition(ZooKeeperLock& zk, resilience::RateLimiter& lock_attempts,
                   const std::string& partition, const std::string& owner) {
  constexpr std::chrono::milliseconds kBase(200);
  constexpr std::chrono::milliseconds kCap(15000);
  thread_local std::mt19937 rng{std::random_device{}()};
  const std::string path = "/locks/compaction/" + partition;
  std::chrono::milliseconds ceiling = kBase;
  for (;;) {  // expect: retry-unbounded
    lock_attempts.Acquire();
    if (zk.TryLock(path, owner)) {
      return;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}

}  // namespace batch
