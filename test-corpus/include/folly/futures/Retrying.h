// Stub of folly's futures retrying (folly/futures/Retrying.h) with the minimal Future it
// returns: real names and signatures, trivial bodies (no retries here). Not a corpus case.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <utility>

namespace folly {

using Duration = std::chrono::milliseconds;

class exception_wrapper {};

template <class T>
class Future {
 public:
  explicit Future(T value) : value_(std::move(value)) {}
  T get() && { return std::move(value_); }

 private:
  T value_;
};

template <class T>
Future<T> makeFuture(T value) {
  return Future<T>(std::move(value));
}

namespace futures {

// Calls ff(k) for try k = 0, 1, ... while the policy p(k, exception) says to retry.
template <class Policy, class FF>
auto retrying(Policy&& p, FF&& ff) -> decltype(ff(std::size_t{0})) {
  (void)p;
  return ff(std::size_t{0});
}

inline std::function<bool(std::size_t, const exception_wrapper&)> retryingPolicyBasic(
    std::size_t max_tries) {
  return [=](std::size_t n, const exception_wrapper&) { return n < max_tries; };
}

inline std::function<Future<bool>(std::size_t, const exception_wrapper&)>
retryingPolicyCappedJitteredExponentialBackoff(std::size_t max_tries, Duration backoff_min,
                                                Duration backoff_max, double jitter_param) {
  (void)backoff_min, (void)backoff_max, (void)jitter_param;
  return [=](std::size_t n, const exception_wrapper&) { return makeFuture(n < max_tries); };
}

}  // namespace futures
}  // namespace folly
