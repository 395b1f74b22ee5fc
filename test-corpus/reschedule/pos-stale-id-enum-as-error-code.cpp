// Positive: a command whose reply says its cached schema id is stale
// (`ec == std::errc::identifier_removed`, an enumerator converted to the error code's type)
// waits a constant 500 ms and asks for the id again, until less than that is left before its
// deadline. The converted enumerator is a failure test like any other named error: the cycle
// `on_stale_id` -> timer -> `request_id` -> reply -> `on_stale_id` is a retry, deadline-bounded.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace catalog {

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Session {
 public:
  void lookup_id(const char* name, std::function<void(std::error_code, unsigned)> done);
};

class Command : public std::enable_shared_from_this<Command> {
 public:
  void request_id() {
    session_->lookup_id(name_, [self = shared_from_this()](std::error_code ec, unsigned id) {
      if (ec == std::errc::operation_canceled) {
        return self->finish(ec);
      }
      if (ec == std::errc::identifier_removed) {
        return self->on_stale_id();
      }
      if (ec) {
        return self->finish(ec);
      }
      self->send_with(id);
    });
  }

  void on_stale_id() {
    const auto backoff = std::chrono::milliseconds(500);
    if (deadline_ - std::chrono::steady_clock::now() < backoff) {
      return finish(std::make_error_code(std::errc::timed_out));
    }
    retry_timer_.expires_after(backoff);
    retry_timer_.async_wait([self = shared_from_this()](std::error_code ec) {
      if (ec) {
        return;
      }
      self->request_id();  // expect: retry-no-backoff, retry-unbudgeted
    });
  }

  void send_with(unsigned id);
  void finish(std::error_code ec);

 private:
  const char* name_ = "orders";
  std::shared_ptr<Session> session_;
  Timer retry_timer_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace catalog
