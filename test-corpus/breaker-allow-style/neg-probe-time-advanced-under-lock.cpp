// Allow style under one mutex: half-open admits one caller per second, because the caller that
// passes the time test also moves last_probe_ forward before it releases the lock.
#include <chrono>
#include <mutex>

namespace catalog {

class PriceFeedBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  bool ShouldAllow() {
    std::lock_guard<std::mutex> guard(mu_);
    const auto now = Clock::now();
    switch (state_) {
      case State::kClosed:
        return true;
      case State::kOpen:
        if (now - opened_at_ < cooldown_) return false;
        state_ = State::kHalfOpen;
        last_probe_ = now;
        return true;
      case State::kHalfOpen:
        if (now - last_probe_ < std::chrono::seconds(1)) return false;
        last_probe_ = now;
        return true;
    }
    return false;
  }

  void Record(bool ok) {
    std::lock_guard<std::mutex> guard(mu_);
    if (ok) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
  }

 private:
  std::mutex mu_;
  State state_ = State::kClosed;
  std::chrono::seconds cooldown_{15};
  Clock::time_point opened_at_;
  Clock::time_point last_probe_;
};

}  // namespace catalog
