// Positive: a producer handle reconnects through four methods. `schedule_reconnect()` only
// forwards to its overload, which arms a timer for `backoff_.next()` and hands the timer's
// status to `on_timer(ec)`; that one gets a connection, and a failed get schedules the
// reconnect again. The forwarding overload is no step of its own, and `ec` in `on_timer` says
// whether the timer fired, not whether the connect failed. No attempt cap, no budget.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <system_error>

namespace producer {

class ReconnectBackoff {
 public:
  std::chrono::milliseconds next() {
    auto current = next_;
    next_ = std::min(next_ * 2, std::chrono::milliseconds(60000));
    std::uniform_int_distribution<int> shave(0, 9);
    return current - current * shave(rng_) / 100;
  }
  void reset() { next_ = std::chrono::milliseconds(100); }

 private:
  std::chrono::milliseconds next_{100};
  std::mt19937 rng_{7};
};

class DeadlineTimer {
 public:
  void expires_after(std::chrono::milliseconds delay);
  void async_wait(std::function<void(const std::error_code&)> handler);
};

enum class Result { Ok, Retryable, Closed };

class Client {
 public:
  void get_connection(const std::string& topic, std::function<void(Result)> done);
};

class Handle : public std::enable_shared_from_this<Handle> {
 public:
  void schedule_reconnect() { schedule_reconnect(std::nullopt); }

  void schedule_reconnect(const std::optional<std::string>& broker) {
    auto delay = broker ? std::chrono::milliseconds(0) : backoff_.next();
    timer_->expires_after(delay);
    std::weak_ptr<Handle> weak = weak_from_this();
    timer_->async_wait([weak, broker](const std::error_code& ec) {
      if (auto self = weak.lock()) {
        self->on_timer(ec, broker);  // expect: retry-unbounded, retry-unbudgeted
      }
    });
  }

 private:
  void on_timer(const std::error_code& ec, const std::optional<std::string>& broker) {
    if (ec) return;  // cancelled
    grab_connection(broker);
  }

  void grab_connection(const std::optional<std::string>& broker) {
    auto self = shared_from_this();
    client_->get_connection(topic_, [this, self](Result result) {
      if (result == Result::Ok) {
        backoff_.reset();
        return;
      }
      schedule_reconnect();
    });
  }

  std::shared_ptr<Client> client_;
  std::shared_ptr<DeadlineTimer> timer_;
  std::string topic_ = "events";
  ReconnectBackoff backoff_;
};

}  // namespace producer
