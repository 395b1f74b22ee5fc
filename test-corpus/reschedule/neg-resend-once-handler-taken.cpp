// Negative: a one-time re-send. When the server says a cached query plan is stale, decoding the
// reply throws `resend_request` and the command sends itself again. It can happen only once:
// `finish()` moves the completion handler out before it decodes anything, so the reply to the
// re-send finds no handler, decodes nothing and cannot throw. At most two sends, not a retry loop.
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

namespace query {

struct resend_request {};

struct Reply {
  int status = 0;
  std::string body;
};

struct Response {
  std::error_code ec;
  std::string rows;
};

class Session {
 public:
  void write_and_subscribe(const std::string& request, std::function<void(std::error_code, Reply&&)> on_reply);
};

class Command : public std::enable_shared_from_this<Command> {
 public:
  using Handler = std::function<void(Response)>;

  void send() {
    session_->write_and_subscribe(encoded_, [self = shared_from_this()](std::error_code ec, Reply&& reply) {
      try {
        self->finish(ec, std::move(reply));
      } catch (const resend_request&) {
        self->send();
      }
    });
  }

 private:
  void finish(std::error_code ec, Reply&& reply) {
    if (Handler handler = std::move(handler_); handler) {
      Response response = decode(ec, std::move(reply));  // throws resend_request on a stale plan
      handler(std::move(response));
    }
  }

  Response decode(std::error_code ec, Reply&& reply);

  std::shared_ptr<Session> session_;
  std::string encoded_;
  Handler handler_;
};

}  // namespace query
