// Positive: re-authentication retried from its completion. A reply that is not `ok` and not one
// of the statuses that end the exchange (`challenge`, `revoked`) arms a 300 ms timer whose
// callback sends the request again. The later exits test single named statuses: each rules out
// one failure, none turns the remaining path into a success. Reported once, at the re-send.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace vault {

enum class AuthStatus { ok, challenge, revoked, busy };

struct AuthRequest {
  int id = 0;
};

class SteadyTimer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  void send_auth(AuthRequest req) {
    submit(req, [self = shared_from_this(), req](std::error_code ec, AuthStatus status) {
      if (ec == std::errc::operation_canceled) {
        self->pending_ = false;
        return;
      }
      if (status == AuthStatus::ok) {
        self->pending_ = false;
        return;
      }
      if (status == AuthStatus::challenge || status == AuthStatus::revoked) {
        self->pending_ = false;
        self->close();
        return;
      }
      self->timer_.expires_after(std::chrono::milliseconds(300));
      self->timer_.async_wait([self, req](std::error_code timer_ec) {
        if (timer_ec || !self->pending_) {
          return;
        }
        self->send_auth(req);  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted says="re-schedules `vault::Session::send_auth` on failure after a constant 300 ms"
      });
    });
  }

 private:
  void submit(AuthRequest req, std::function<void(std::error_code, AuthStatus)> done);
  void close();

  SteadyTimer timer_;
  bool pending_ = true;
};

}  // namespace vault
