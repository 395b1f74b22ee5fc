// Half-open is a time window: for 100 ms after the cooldown ends, IsCallPermitted() says yes to
// every caller. The window bounds time, not callers.
#include <chrono>
#include <mutex>

namespace mail {

class SmtpBreaker {
 public:
  enum State { STATE_CLOSED, STATE_OPEN, STATE_HALF_OPEN };
  using Clock = std::chrono::steady_clock;

  bool IsCallPermitted() {
    std::lock_guard<std::mutex> lock(mu_);
    const Clock::time_point now = Clock::now();
    if (state_ == STATE_OPEN && now - opened_at_ >= std::chrono::seconds(20)) {
      state_ = STATE_HALF_OPEN;
      half_open_since_ = now;
    }
    switch (state_) {
      case STATE_CLOSED:
        return true;
      case STATE_OPEN:
        return false;
      case STATE_HALF_OPEN:
        if (now - half_open_since_ < std::chrono::milliseconds(100)) {
          return true;  // expect: breaker-half-open-flood
        }
        return false;
    }
    return false;
  }

  void OnResult(bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ok) {
      state_ = STATE_CLOSED;
    } else {
      state_ = STATE_OPEN;
      opened_at_ = Clock::now();
    }
  }

 private:
  std::mutex mu_;
  State state_ = STATE_CLOSED;
  Clock::time_point opened_at_;
  Clock::time_point half_open_since_;
};

}  // namespace mail
