// A smooth rate limiter for the corpus's throttled retry loops: a fixed number of permits per
// second, never banked. Acquire() waits for the next permit; TryAcquire() never waits.
#ifndef RESILIENCE_RATE_LIMITER_H_
#define RESILIENCE_RATE_LIMITER_H_

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

namespace resilience {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(double permits_per_second)
      : interval_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / permits_per_second))) {}

  // Reserves the next permit and blocks until it is due.
  void Acquire() {
    Clock::time_point due;
    {
      std::lock_guard<std::mutex> lock(mu_);
      due = std::max(Clock::now(), next_free_);
      next_free_ = due + interval_;
    }
    std::this_thread::sleep_until(due);
  }

  // Takes a permit only if one is due now.
  bool TryAcquire() {
    std::lock_guard<std::mutex> lock(mu_);
    const Clock::time_point now = Clock::now();
    if (next_free_ > now) return false;
    next_free_ = now + interval_;
    return true;
  }

 private:
  const Clock::duration interval_;
  std::mutex mu_;
  Clock::time_point next_free_{};
};

}  // namespace resilience

#endif  // RESILIENCE_RATE_LIMITER_H_
