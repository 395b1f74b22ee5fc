// Not a breaker: a connection state machine with Open and Closed but no half-open state. Its
// virtual WriteFrame is called depending on the state, and a timeout closes it without a lock.
#include <chrono>
#include <mutex>
#include <string>

namespace net {

class Connection {
 public:
  enum class State { kClosed, kConnecting, kOpen, kClosing };
  using Clock = std::chrono::steady_clock;

  virtual ~Connection() = default;

  bool Send(const std::string& payload) {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ != State::kOpen) return false;
    last_activity_ = Clock::now();
    return WriteFrame(payload);
  }

  void OnConnected() {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = State::kOpen;
  }

  // Called from the event loop's timer.
  void OnIdleTimeout() {
    if (Clock::now() - last_activity_ > std::chrono::seconds(60)) state_ = State::kClosed;
  }

 protected:
  virtual bool WriteFrame(const std::string& payload) = 0;

 private:
  std::mutex mu_;
  State state_ = State::kClosed;
  Clock::time_point last_activity_;
};

}  // namespace net
