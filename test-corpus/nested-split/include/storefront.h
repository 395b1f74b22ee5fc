// Classic incident 3 split across translation units: the declarations of the three layers and
// the one Retry helper that each of them uses. Each .cpp file defines one layer, so each file
// alone retries once; only the linked program has the 3 x 3 x 3 = 27 nest.
#ifndef STOREFRONT_H_
#define STOREFRONT_H_

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace storefront {

// Calls fn up to max_attempts times with capped, fully jittered backoff while the budget allows.
template <typename Fn>
auto Retry(resilience::RetryBudget& budget, int max_attempts, Fn&& fn) -> decltype(fn()) {
  constexpr std::chrono::milliseconds kBase(20);
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  auto result = fn();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = fn();
  }
  return result;
}

class ConnectionPool {
 public:
  absl::StatusOr<std::string> Read(const std::string& key);
};

// data layer (data_layer.cpp)
class DataLayer {
 public:
  DataLayer(ConnectionPool* pool, resilience::RetryBudget* budget) : pool_(pool), budget_(budget) {}
  absl::StatusOr<std::string> Read(const std::string& key);

 private:
  ConnectionPool* pool_;
  resilience::RetryBudget* budget_;
};

// service layer (service.cpp)
class Service {
 public:
  Service(DataLayer* data, resilience::RetryBudget* budget) : data_(data), budget_(budget) {}
  absl::StatusOr<std::string> Get(const std::string& key);

 private:
  DataLayer* data_;
  resilience::RetryBudget* budget_;
};

// gateway (gateway.cpp)
class Gateway {
 public:
  Gateway(Service* svc, resilience::RetryBudget* budget) : svc_(svc), budget_(budget) {}
  absl::StatusOr<std::string> Handle(const std::string& key);

 private:
  Service* svc_;
  resilience::RetryBudget* budget_;
};

}  // namespace storefront

#endif  // STOREFRONT_H_
