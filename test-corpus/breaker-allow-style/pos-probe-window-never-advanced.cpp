// Allow style under one mutex. Half-open is meant to let one caller through per probe interval,
// but last_trial_ is only written when the breaker trips: once the first interval has passed,
// every caller that asks CanExecute() is told yes.
#include <chrono>
#include <mutex>

namespace billing {

class LedgerBreaker {
 public:
  enum class Mode { Closed, Open, HalfOpen };
  using Clock = std::chrono::steady_clock;

  bool CanExecute() {
    std::lock_guard<std::mutex> hold(mu_);
    const Clock::time_point now = Clock::now();
    if (mode_ == Mode::Closed) return true;
    if (mode_ == Mode::Open) {
      if (now - tripped_at_ < std::chrono::seconds(10)) return false;
      mode_ = Mode::HalfOpen;
    }
    if (now - last_trial_ >= std::chrono::milliseconds(250)) {
      return true;  // expect: breaker-half-open-flood
    }
    return false;
  }

  void RecordSuccess() {
    std::lock_guard<std::mutex> hold(mu_);
    mode_ = Mode::Closed;
    failures_ = 0;
  }

  void RecordFailure() {
    std::lock_guard<std::mutex> hold(mu_);
    if (mode_ == Mode::HalfOpen || ++failures_ >= 5) {
      mode_ = Mode::Open;
      tripped_at_ = Clock::now();
      last_trial_ = tripped_at_;
    }
  }

 private:
  std::mutex mu_;
  Mode mode_ = Mode::Closed;
  int failures_ = 0;
  Clock::time_point tripped_at_;
  Clock::time_point last_trial_;
};

}  // namespace billing
