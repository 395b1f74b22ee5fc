// Negative: the wait sits at the top of the loop under if (attempt > 0), so it only ever runs
// before another attempt, never after the last one.
#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace hdfs {

class RetriableIOException : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NameNodeClient {
 public:
  void Mkdirs(const std::string& path, int permission);  // throws RetriableIOException
};

bool MakeDirectory(NameNodeClient& namenode, resilience::RetryBudget& budget,
                   const std::string& path) {
  constexpr int kMaxAttempts = 5;
  constexpr std::chrono::milliseconds kCap(5000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(300);

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        return false;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
    try {
      namenode.Mkdirs(path, 0755);
      return true;
    } catch (const RetriableIOException&) {
      // fall through to the next attempt
    }
  }
  return false;
}

}  // namespace hdfs
