// The decision is the first element of a pair (the second says why). Call() unpacks it with a
// structured binding and returns early when it is false; half-open admits one trial at a time.
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <utility>

namespace chat {

class PresenceBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  std::string Call(const std::function<std::string()>& fetch) {
    auto [admitted, reason] = Decide();
    if (!admitted) return std::string("rejected: ") + reason;
    std::string reply = fetch();
    Finish(!reply.empty());
    return reply;
  }

 private:
  std::pair<bool, const char*> Decide() {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == State::kClosed) return {true, ""};
    if (state_ == State::kOpen) {
      if (Clock::now() - opened_at_ < std::chrono::seconds(8)) return {false, "open"};
      state_ = State::kHalfOpen;
      trial_running_ = false;
    }
    if (trial_running_) return {false, "trial running"};
    trial_running_ = true;
    return {true, ""};
  }

  void Finish(bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    trial_running_ = false;
    if (ok) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
  }

  std::mutex mu_;
  State state_ = State::kClosed;
  bool trial_running_ = false;
  Clock::time_point opened_at_;
};

}  // namespace chat
