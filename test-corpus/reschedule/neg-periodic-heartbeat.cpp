// Negative: a heartbeat. `tick()` re-arms its timer every second whatever the ping's outcome; a
// cancelled timer (error) stops it. That is a periodic task, not a retry of a failed attempt.
#include <chrono>
#include <functional>
#include <system_error>

namespace member {

struct Status {
  bool ok() const;
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Peer {
 public:
  Status ping();
};

void log_missed_ping();

class Heartbeat {
 public:
  void tick() {
    Status s = peer_->ping();
    if (!s.ok())
      log_missed_ping();
    timer_.expires_after(std::chrono::milliseconds(1000));
    timer_.async_wait([this](std::error_code ec) {
      if (ec)
        return;  // cancelled: stop beating
      tick();
    });
  }

 private:
  Peer* peer_ = nullptr;
  Timer timer_;
};

}  // namespace member
