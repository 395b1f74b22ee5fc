// Positive: a retry policy whose delay never changes: every attempt waits 250 ms, so clients
// that failed together stay in step. No caller in this program: reported at its return.
#include <chrono>

namespace kv {

class RetryPolicy {
 public:
  virtual ~RetryPolicy() = default;
  virtual std::chrono::milliseconds BackoffDelay(int attempt) const = 0;
  virtual int MaxAttempts() const = 0;
};

class FixedRetryPolicy : public RetryPolicy {
 public:
  std::chrono::milliseconds BackoffDelay(int /*attempt*/) const override {
    return std::chrono::milliseconds(250);  // expect: retry-no-backoff says="gives the same 250 ms every time"
  }
  int MaxAttempts() const override { return 4; }
};

}  // namespace kv
