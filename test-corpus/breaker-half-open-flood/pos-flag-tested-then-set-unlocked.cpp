// C-style int state holding namespace constants, and a function-pointer operation. The probing_
// flag is tested outside the lock and set under it: callers that arrive together all see false.
#include <cerrno>
#include <chrono>
#include <mutex>

namespace storage {

enum { CB_CLOSED, CB_OPEN, CB_HALF_OPEN };

using Handler = int (*)(void *arg);

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  int Invoke(Handler handler, void *arg) {
    int state;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == CB_OPEN && Clock::now() >= retry_at_) state_ = CB_HALF_OPEN;
      state = state_;
    }
    if (state == CB_OPEN) return -EAGAIN;
    if (state == CB_HALF_OPEN) {
      if (probing_) return -EBUSY;
      std::lock_guard<std::mutex> lock(mu_);
      probing_ = true;
    }
    int rc = handler(arg);  // expect: breaker-half-open-flood
    std::lock_guard<std::mutex> lock(mu_);
    probing_ = false;
    if (rc == 0) {
      state_ = CB_CLOSED;
    } else {
      state_ = CB_OPEN;
      retry_at_ = Clock::now() + std::chrono::seconds(10);
    }
    return rc;
  }

 private:
  std::mutex mu_;
  int state_ = CB_CLOSED;
  bool probing_ = false;
  Clock::time_point retry_at_;
};

}  // namespace storage
