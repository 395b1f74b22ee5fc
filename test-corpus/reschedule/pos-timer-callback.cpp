// Positive: a reconnect with no loop statement. On a failed connect, `reconnect()` arms a timer
// for a constant 500 ms whose callback calls `reconnect()` again: a retry cycle with a constant
// delay, no attempt cap and no budget. Reported once, at the re-invoking call.
#include <chrono>
#include <functional>
#include <system_error>

namespace feed {

class SteadyTimer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Transport {
 public:
  std::error_code connect(const char* host);
};

class Subscriber {
 public:
  void reconnect() {
    std::error_code ec = transport_.connect(host_);
    if (ec) {
      timer_.expires_after(std::chrono::milliseconds(500));
      timer_.async_wait([this](std::error_code) {
        reconnect();  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted says="re-schedules `feed::Subscriber::reconnect` on failure after a constant 500 ms"
      });
      return;
    }
    connected_ = true;
  }

 private:
  const char* host_ = "feed.internal";
  Transport transport_;
  SteadyTimer timer_;
  bool connected_ = false;
};

}  // namespace feed
