// Negative: a lock-free bucket on std::atomic<double>. Both the credit and the debit are
// compare-exchange loops; those loops spin on the atomic and are not retry loops. The credit
// stops at kMaxTokens (std::min in the desired value). +0.1 per request, 1 per retry: 10%.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace pubsub {

class AtomicRetryBudget {
 public:
  void OnRequest() {
    double current = tokens_.load(std::memory_order_relaxed);
    while (!tokens_.compare_exchange_weak(current, std::min(current + kCredit, kMaxTokens),
                                          std::memory_order_relaxed)) {
    }
  }

  bool TryRetry() {
    double current = tokens_.load(std::memory_order_relaxed);
    while (current >= kCost) {
      if (tokens_.compare_exchange_weak(current, current - kCost, std::memory_order_relaxed)) {
        return true;
      }
    }
    return false;
  }

 private:
  static constexpr double kCredit = 0.1;
  static constexpr double kCost = 1.0;
  static constexpr double kMaxTokens = 10.0;

  std::atomic<double> tokens_{kMaxTokens};
};

class Publisher {
 public:
  absl::Status Publish(const std::string& topic, const std::string& payload);
};

absl::Status PublishEvent(Publisher& publisher, AtomicRetryBudget& budget, const std::string& topic,
                          const std::string& payload) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(800);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = publisher.Publish(topic, payload);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = publisher.Publish(topic, payload);
  }
  return status;
}

}  // namespace pubsub
