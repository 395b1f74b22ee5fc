// Classic incident 3: three layers each retry 3x through one generic helper, so one failed
// request reaches ConnectionPool::Read 3 x 3 x 3 = 27 times.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace storefront {

// Calls fn up to max_attempts times with capped, fully jittered backoff between attempts.
template <typename Fn>
auto Retry(int max_attempts, Fn&& fn) -> decltype(fn()) {
  constexpr std::chrono::milliseconds kBase(20);
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  auto result = fn();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {  // expect: retry-unbudgeted
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

// data layer
class DataLayer {
 public:
  explicit DataLayer(ConnectionPool* pool) : pool_(pool) {}
  absl::StatusOr<std::string> Read(const std::string& key) {
    return Retry(3, [&] { return pool_->Read(key); });  // retries 3x
  }

 private:
  ConnectionPool* pool_;
};

// service layer
class Service {
 public:
  explicit Service(DataLayer* data) : data_(data) {}
  absl::StatusOr<std::string> Get(const std::string& key) {
    return Retry(3, [&] { return data_->Read(key); });  // retries 3x, calling the above
  }

 private:
  DataLayer* data_;
};

// gateway
class Gateway {
 public:
  explicit Gateway(Service* svc) : svc_(svc) {}
  absl::StatusOr<std::string> Handle(const std::string& key) {
    return Retry(3, [&] { return svc_->Get(key); });  // expect: retry-nested-fanout fanout=27
  }

 private:
  Service* svc_;
};

}  // namespace storefront
