// Positive: a factory returns the delay policy as a lambda: min * factor^attempt, clamped to
// [min, max], with no randomness. The factor and bounds are the factory's parameters, so the
// delays themselves are not known; the growth is. Reported at the lambda's return.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>

namespace docstore {

using BackoffCalculator = std::function<std::chrono::milliseconds(std::size_t)>;

BackoffCalculator MakeExponentialBackoff(double min_ms, double max_ms, double factor) {
  return [min_ms, max_ms, factor](std::size_t retry_attempts) {
    double backoff = min_ms * std::pow(factor, static_cast<double>(retry_attempts));
    backoff = std::max(std::min(backoff, max_ms), min_ms);
    return std::chrono::milliseconds(static_cast<long>(backoff));  // expect: retry-backoff-no-jitter says="`docstore::MakeExponentialBackoff (lambda)` grows the delay exponentially per attempt with no jitter"
  };
}

}  // namespace docstore
