// Positive: two constant delays that look like accessors but are policies. The free function
// takes the attempt number, so it answers "how long before attempt n" (always the configured
// number); the schedule's step implements a reconnection schedule's interface and hands out the
// same delay on every call. No caller in this program: both are reported at their return.
#include <cstdint>

namespace mq {

struct RetryConfig {
  uint64_t retry_delay_ms = 200;
};

uint64_t RetryDelayMs(const RetryConfig* config, int /*attempt*/) {
  return config->retry_delay_ms;  // expect: retry-no-backoff
}

class ReconnectionSchedule {
 public:
  virtual ~ReconnectionSchedule() = default;
  virtual uint64_t next_delay_ms() = 0;
};

class FixedReconnectionSchedule : public ReconnectionSchedule {
 public:
  explicit FixedReconnectionSchedule(uint64_t delay_ms) : delay_ms_(delay_ms) {}
  uint64_t next_delay_ms() override {
    return delay_ms_;  // expect: retry-no-backoff
  }

 private:
  uint64_t delay_ms_;
};

}  // namespace mq
