// Positive: a watch session reconnects on a timer whose delay comes from a backoff object held
// as a member (`backoff_.next()`: doubling under a cap, a few percent taken off at random). A
// failed connect schedules the reconnect again; only a delivered update resets the backoff.
// No attempt cap, no deadline, no budget. The delay grows and is capped, and its randomness is
// not what the model can weigh, so no claim on jitter.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <system_error>

namespace watch {

class ExpBackoff {
 public:
  ExpBackoff(std::chrono::milliseconds first, std::chrono::milliseconds max) : first_(first), max_(max), next_(first) {}

  std::chrono::milliseconds next() {
    std::chrono::milliseconds current = next_;
    next_ = std::min(next_ * 2, max_);
    std::uniform_int_distribution<int> shave(0, 9);
    current -= current * shave(rng_) / 100;
    return std::max(first_, current);
  }

  void reset() { next_ = first_; }

 private:
  std::chrono::milliseconds first_, max_, next_;
  std::mt19937 rng_{42};
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds delay);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Connection;
using ConnectionPtr = std::shared_ptr<Connection>;

class Pool {
 public:
  void connect(const char* topic, std::function<void(std::error_code, ConnectionPtr)> done);
};

class WatchSession : public std::enable_shared_from_this<WatchSession> {
 public:
  void on_update() { backoff_.reset(); }

  void schedule_reconnect() {
    if (closed_) return;
    auto delay = backoff_.next();
    timer_.expires_after(delay);
    std::weak_ptr<WatchSession> weak = shared_from_this();
    timer_.async_wait([weak](std::error_code ec) {
      auto self = weak.lock();
      if (self && !ec) {
        self->reconnect();  // expect: retry-unbounded, retry-unbudgeted
      }
    });
  }

 private:
  void reconnect() {
    if (closed_) return;
    auto self = shared_from_this();
    pool_->connect(topic_, [self](std::error_code ec, ConnectionPtr cnx) {
      if (!ec) {
        self->attach(cnx);
      } else {
        self->schedule_reconnect();
      }
    });
  }

  void attach(ConnectionPtr cnx);

  Pool* pool_ = nullptr;
  const char* topic_ = "orders";
  bool closed_ = false;
  Timer timer_;
  ExpBackoff backoff_{std::chrono::milliseconds(100), std::chrono::milliseconds(30000)};
};

}  // namespace watch
