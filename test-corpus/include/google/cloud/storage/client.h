// Stub of google-cloud-cpp's Cloud Storage client (google/cloud/storage/client.h and its retry
// and backoff policies): real names and signatures, trivial bodies. Not a corpus case.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "google/cloud/options.h"

namespace google {
namespace cloud {

class Status {
 public:
  bool ok() const { return ok_; }

 private:
  bool ok_ = true;
};

template <typename T>
class StatusOr {
 public:
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const { return value_; }

 private:
  Status status_;
  T value_;
};

namespace storage {

class RetryPolicy {
 public:
  virtual ~RetryPolicy() = default;
  virtual std::unique_ptr<RetryPolicy> clone() const = 0;
};

// Stops after more than maximum_failures transient failures: maximum_failures + 1 attempts.
class LimitedErrorCountRetryPolicy : public RetryPolicy {
 public:
  explicit LimitedErrorCountRetryPolicy(int maximum_failures) : maximum_failures_(maximum_failures) {}
  std::unique_ptr<RetryPolicy> clone() const override {
    return std::make_unique<LimitedErrorCountRetryPolicy>(maximum_failures_);
  }

 private:
  int maximum_failures_;
};

// Retries transient failures until maximum_duration has passed.
class LimitedTimeRetryPolicy : public RetryPolicy {
 public:
  template <typename Rep, typename Period>
  explicit LimitedTimeRetryPolicy(std::chrono::duration<Rep, Period> maximum_duration)
      : maximum_duration_(std::chrono::duration_cast<std::chrono::milliseconds>(maximum_duration)) {}
  std::unique_ptr<RetryPolicy> clone() const override {
    return std::make_unique<LimitedTimeRetryPolicy>(maximum_duration_);
  }

 private:
  std::chrono::milliseconds maximum_duration_;
};

class BackoffPolicy {
 public:
  virtual ~BackoffPolicy() = default;
  virtual std::unique_ptr<BackoffPolicy> clone() const = 0;
};

// Jittered exponential backoff between initial_delay and maximum_delay.
class ExponentialBackoffPolicy : public BackoffPolicy {
 public:
  template <typename Rep1, typename Period1, typename Rep2, typename Period2>
  ExponentialBackoffPolicy(std::chrono::duration<Rep1, Period1> initial_delay,
                           std::chrono::duration<Rep2, Period2> maximum_delay, double scaling)
      : scaling_(scaling) {
    (void)initial_delay, (void)maximum_delay;
  }
  std::unique_ptr<BackoffPolicy> clone() const override {
    return std::make_unique<ExponentialBackoffPolicy>(std::chrono::milliseconds(1),
                                                      std::chrono::milliseconds(1), scaling_);
  }

 private:
  double scaling_;
};

struct RetryPolicyOption {
  using Type = std::shared_ptr<RetryPolicy>;
};

struct BackoffPolicyOption {
  using Type = std::shared_ptr<BackoffPolicy>;
};

struct ObjectMetadata {
  std::string name;
  long size = 0;
};

class Client {
 public:
  explicit Client(Options opts = {}) : options_(std::move(opts)) {}
  StatusOr<ObjectMetadata> GetObjectMetadata(const std::string& bucket_name,
                                             const std::string& object_name);

 private:
  Options options_;
};

}  // namespace storage
}  // namespace cloud
}  // namespace google
