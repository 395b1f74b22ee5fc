// Negative: an ingest throttle. DelayFor tells a writer how long to wait until `num_bytes` are
// paid for: credit refills at rate_ bytes per second, and it returns the time until its next
// refill, which the bytes over the credit push out. The wait grows with bytes, not attempts
// (num_bytes counts data), and each write asks once and sleeps once; nothing retries.
#include <algorithm>
#include <atomic>
#include <cstdint>

namespace ingest {

struct MonotonicClock {
  uint64_t NowNanos();
};

class WriteThrottle {
 public:
  explicit WriteThrottle(uint64_t bytes_per_second) : slowed_writers_(0), credit_(0), refill_at_us_(0) {
    SetRate(bytes_per_second);
  }

  void SetRate(uint64_t bytes_per_second) { rate_ = std::max<uint64_t>(bytes_per_second, 1); }
  void AddSlowedWriter() { ++slowed_writers_; }
  void RemoveSlowedWriter() { --slowed_writers_; }

  uint64_t DelayFor(MonotonicClock* clock, uint64_t num_bytes) {
    if (slowed_writers_.load() == 0) return 0;
    if (credit_ >= num_bytes) {
      credit_ -= num_bytes;
      return 0;
    }
    const uint64_t now = clock->NowNanos() / 1000;
    if (refill_at_us_ == 0) refill_at_us_ = now;
    if (refill_at_us_ <= now) {
      const uint64_t elapsed = now - refill_at_us_ + kRefillUs;
      credit_ += static_cast<uint64_t>(1.0 * elapsed / 1e6 * rate_);
      refill_at_us_ = now + kRefillUs;
      if (credit_ >= num_bytes) {
        credit_ -= num_bytes;
        return 0;
      }
    }
    const uint64_t owed = num_bytes - credit_;
    credit_ = 0;
    refill_at_us_ += static_cast<uint64_t>(1.0 * owed / rate_ * 1e6);
    return std::max(refill_at_us_ - now, kRefillUs);
  }

 private:
  static constexpr uint64_t kRefillUs = 1000;
  std::atomic<int> slowed_writers_;
  uint64_t credit_;
  uint64_t refill_at_us_;
  uint64_t rate_;
};

}  // namespace ingest
