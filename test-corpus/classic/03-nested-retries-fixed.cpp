// Classic incident 3, fixed: only the gateway retries (3 calls at most, budgeted); the data and
// service layers propagate errors unchanged.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace storefront_fixed {

// Calls fn up to max_attempts times with capped, fully jittered backoff, while the budget allows.
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

// data layer: one attempt, errors propagate
class DataLayer {
 public:
  explicit DataLayer(ConnectionPool* pool) : pool_(pool) {}
  absl::StatusOr<std::string> Read(const std::string& key) { return pool_->Read(key); }

 private:
  ConnectionPool* pool_;
};

// service layer: one attempt, errors propagate
class Service {
 public:
  explicit Service(DataLayer* data) : data_(data) {}
  absl::StatusOr<std::string> Get(const std::string& key) { return data_->Read(key); }

 private:
  DataLayer* data_;
};

// gateway: the single retrying layer
class Gateway {
 public:
  Gateway(Service* svc, resilience::RetryBudget* budget) : svc_(svc), budget_(budget) {}
  absl::StatusOr<std::string> Handle(const std::string& key) {
    return Retry(*budget_, 3, [&] { return svc_->Get(key); });
  }

 private:
  Service* svc_;
  resilience::RetryBudget* budget_;
};

}  // namespace storefront_fixed
