// Positive: a reconnect cycle through three methods, with no loop statement and no method that
// calls itself. `schedule_reconnect` starts a timer bound to `on_timer`, which connects with
// `on_connect` as its callback, and a failed connect schedules the reconnect again: a constant
// 2 s apart, forever, no budget. Reported once, at the call that schedules the next attempt.
#include <cstdint>
#include <functional>

namespace control {

struct Status {
  bool ok() const;
};

class ReconnectTimer {
 public:
  void start(std::uint64_t delay_ms, std::function<void()> callback);
};

class Connector {
 public:
  void connect(const char* host, std::function<void(Status)> done);
};

class ControlConnection {
 public:
  void schedule_reconnect() {
    timer_.start(kReconnectDelayMs, std::bind(&ControlConnection::on_timer, this));  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted says="re-schedules `control::ControlConnection::schedule_reconnect` on failure after a constant 2 s"
  }

 private:
  void on_timer() {
    connector_.connect(host_, [this](Status s) { on_connect(s); });
  }

  void on_connect(Status s) {
    if (s.ok()) {
      ready_ = true;
      return;
    }
    schedule_reconnect();
  }

  static constexpr std::uint64_t kReconnectDelayMs = 2000;
  ReconnectTimer timer_;
  Connector connector_;
  const char* host_ = "control.internal";
  bool ready_ = false;
};

}  // namespace control
