// Negative: an AWS-SDK-style retry quota. The quota starts full at 500; a retry costs 5 and is
// refused when less than that remains; each success refunds 1, never past the initial 500.
// Ceiling: 1 / 5 = 20% of successes; under a full outage nothing refunds, so at most 100
// retries, then none. The loop asks for quota in its condition, before each retry, through a
// name of its own that only the recognised budget makes a consultation.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace storage {

class RetryQuotaContainer {
 public:
  // Takes the cost of one retry, or refuses it.
  bool AcquireRetryQuota() {
    std::lock_guard<std::mutex> lock(mu_);
    if (retry_quota_ < kRetryCost) return false;
    retry_quota_ -= kRetryCost;
    return true;
  }

  // A request that succeeded gives a little back, up to the initial quota.
  void ReleaseOnSuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    retry_quota_ = std::min(retry_quota_ + kNoRetryIncrement, kInitialRetryQuota);
  }

 private:
  static constexpr int kInitialRetryQuota = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kNoRetryIncrement = 1;

  std::mutex mu_;
  int retry_quota_ = kInitialRetryQuota;
};

class ObjectStoreClient {
 public:
  absl::Status PutObject(const std::string& bucket, const std::string& key, const std::string& body);
};

absl::Status Upload(ObjectStoreClient& s3, RetryQuotaContainer& quota, const std::string& bucket,
                    const std::string& key, const std::string& body) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(100);

  absl::Status status = s3.PutObject(bucket, key, body);
  for (int attempt = 1;
       attempt < kMaxAttempts && absl::IsUnavailable(status) && quota.AcquireRetryQuota();
       ++attempt) {
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = s3.PutObject(bucket, key, body);
  }
  if (status.ok()) {
    quota.ReleaseOnSuccess();
  }
  return status;
}

}  // namespace storage
