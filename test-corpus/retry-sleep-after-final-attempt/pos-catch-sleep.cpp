// Positive: the catch block always sleeps, including after the last attempt's exception; the
// caller gets the final error only after one more useless wait.
#include <algorithm>
#include <chrono>
#include <exception>
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
  long long GetFileLength(const std::string& path);  // throws RetriableIOException
};

long long StatFile(NameNodeClient& namenode, resilience::RetryBudget& budget,
                   const std::string& path) {
  constexpr int kMaxAttempts = 5;
  constexpr std::chrono::milliseconds kCap(5000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(300);
  std::exception_ptr last_error;

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0 && !budget.TryRetry()) {
      break;
    }
    try {
      return namenode.GetFileLength(path);
    } catch (const RetriableIOException&) {
      last_error = std::current_exception();
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));  // expect: retry-sleep-after-final-attempt
      ceiling = std::min(ceiling * 2, kCap);
    }
  }
  std::rethrow_exception(last_error);  // set by every failed attempt, and one always ran
}

}  // namespace hdfs
