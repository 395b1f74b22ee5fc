// Stub of aws-sdk-cpp's retry strategies (aws/core/client/RetryStrategy.h): the real names,
// constructors and defaults, trivial bodies. Not a corpus case.
#pragma once

#include <memory>

namespace Aws {
namespace Client {

class AWSErrorBase {};

class RetryStrategy {
 public:
  virtual ~RetryStrategy() = default;
  virtual bool ShouldRetry(const AWSErrorBase& error, long attemptedRetries) const = 0;
  virtual long CalculateDelayBeforeNextRetry(const AWSErrorBase& error, long attemptedRetries) const = 0;
  virtual long GetMaxAttempts() const { return 0; }
};

// The legacy strategy: maxRetries retries after the first attempt, 2^n * scaleFactor ms.
class DefaultRetryStrategy : public RetryStrategy {
 public:
  DefaultRetryStrategy(long maxRetries = 10, long scaleFactor = 25)
      : m_scaleFactor(scaleFactor), m_maxRetries(maxRetries) {}
  bool ShouldRetry(const AWSErrorBase& error, long attemptedRetries) const override;
  long CalculateDelayBeforeNextRetry(const AWSErrorBase& error, long attemptedRetries) const override;
  long GetMaxAttempts() const override { return m_maxRetries + 1; }

 protected:
  long m_scaleFactor;
  long m_maxRetries;
};

class RetryQuotaContainer {
 public:
  virtual ~RetryQuotaContainer() = default;
};

class DefaultRetryQuotaContainer : public RetryQuotaContainer {};

// maxAttempts attempts in all, each retry paid from a shared retry quota.
class StandardRetryStrategy : public RetryStrategy {
 public:
  StandardRetryStrategy(long maxAttempts = 3) : m_maxAttempts(maxAttempts) {}
  StandardRetryStrategy(std::shared_ptr<RetryQuotaContainer> retryQuotaContainer, long maxAttempts = 3)
      : m_retryQuotaContainer(retryQuotaContainer), m_maxAttempts(maxAttempts) {}
  bool ShouldRetry(const AWSErrorBase& error, long attemptedRetries) const override;
  long CalculateDelayBeforeNextRetry(const AWSErrorBase& error, long attemptedRetries) const override;
  long GetMaxAttempts() const override { return m_maxAttempts; }

 protected:
  std::shared_ptr<RetryQuotaContainer> m_retryQuotaContainer;
  long m_maxAttempts;
};

// Standard plus a client-side rate limiter.
class AdaptiveRetryStrategy : public StandardRetryStrategy {
 public:
  AdaptiveRetryStrategy(long maxAttempts = 3) : StandardRetryStrategy(maxAttempts) {}
  AdaptiveRetryStrategy(std::shared_ptr<RetryQuotaContainer> retryQuotaContainer, long maxAttempts = 3)
      : StandardRetryStrategy(retryQuotaContainer, maxAttempts) {}
};

class NoRetryStrategy : public RetryStrategy {
 public:
  bool ShouldRetry(const AWSErrorBase& error, long attemptedRetries) const override;
  long CalculateDelayBeforeNextRetry(const AWSErrorBase& error, long attemptedRetries) const override;
};

}  // namespace Client
}  // namespace Aws
