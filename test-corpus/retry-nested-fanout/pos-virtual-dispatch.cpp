// Positive: the outer layer calls a virtual method; one override retries, the other does not.
// The rule takes the worst case over the overrides and says so: 3 (archiver) x 4 (the
// object-store backend) = 12 calls reach HttpClient::PutObject per failed archive.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace archive {

template <typename Fn>
absl::Status Retry(resilience::RetryBudget& budget, int max_attempts, Fn&& fn) {
  constexpr std::chrono::milliseconds kBase(50);
  constexpr std::chrono::milliseconds kCap(3000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::Status status = fn();
  for (int attempt = 1; attempt < max_attempts && !status.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    status = fn();
  }
  return status;
}

class BlobBackend {
 public:
  virtual ~BlobBackend() = default;
  virtual absl::Status Put(const std::string& key, const std::string& bytes) = 0;
};

class HttpClient {
 public:
  absl::Status PutObject(const std::string& url, const std::string& body);
};

// Retries each upload 4 times.
class ObjectStoreBackend : public BlobBackend {
 public:
  ObjectStoreBackend(HttpClient* http, resilience::RetryBudget* budget) : http_(http), budget_(budget) {}
  absl::Status Put(const std::string& key, const std::string& bytes) override {
    return Retry(*budget_, 4, [&] { return http_->PutObject("https://blobs.internal/" + key, bytes); });
  }

 private:
  HttpClient* http_;
  resilience::RetryBudget* budget_;
};

// Writes to local disk once; errors propagate.
class LocalDiskBackend : public BlobBackend {
 public:
  absl::Status Put(const std::string& key, const std::string& bytes) override {
    return WriteFile("/var/lib/archive/" + key, bytes);
  }

 private:
  absl::Status WriteFile(const std::string& path, const std::string& bytes);
};

class Archiver {
 public:
  Archiver(BlobBackend* backend, resilience::RetryBudget* budget) : backend_(backend), budget_(budget) {}
  absl::Status Archive(const std::string& key, const std::string& bytes) {
    return Retry(*budget_, 3, [&] { return backend_->Put(key, bytes); });  // expect: retry-nested-fanout fanout=12
  }

 private:
  BlobBackend* backend_;
  resilience::RetryBudget* budget_;
};

}  // namespace archive
