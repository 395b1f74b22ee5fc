// The decision is a returned code, but it only ever refuses while open: once the cooldown has
// passed, Check() answers kGo to every caller, so Forward() runs send() for all of them.
#include <chrono>
#include <functional>
#include <mutex>

namespace proxy {

enum class Gate { kGo, kShed };

class UpstreamBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  int Forward(const std::function<int()>& send) {
    if (Check() == Gate::kShed) return 503;
    const int status = send();  // expect: breaker-half-open-flood
    Observe(status < 500);
    return status;
  }

 private:
  Gate Check() {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == State::kOpen) {
      if (Clock::now() - opened_at_ < std::chrono::seconds(5)) return Gate::kShed;
      state_ = State::kHalfOpen;
    }
    return Gate::kGo;
  }

  void Observe(bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ok) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
  }

  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point opened_at_;
};

}  // namespace proxy
