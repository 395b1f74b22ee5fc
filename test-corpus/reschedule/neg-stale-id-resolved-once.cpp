// Near miss: the same stale-id reply (`ec == std::errc::identifier_removed`, an enumerator
// converted to the error code's type) is handled by resolving the id again once: the flag its
// guard tests is set before the one re-request, so a second stale reply fails the command. A
// one-shot repair, not a retry.
#include <functional>
#include <memory>
#include <system_error>

namespace catalog2 {

class Session {
 public:
  void lookup_id(const char* name, std::function<void(std::error_code, unsigned)> done);
};

class Command : public std::enable_shared_from_this<Command> {
 public:
  void request_id() {
    session_->lookup_id(name_, [self = shared_from_this()](std::error_code ec, unsigned id) {
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
    if (re_resolved_) {
      return finish(std::make_error_code(std::errc::identifier_removed));
    }
    re_resolved_ = true;
    request_id();
  }

  void send_with(unsigned id);
  void finish(std::error_code ec);

 private:
  const char* name_ = "orders";
  std::shared_ptr<Session> session_;
  bool re_resolved_ = false;
};

}  // namespace catalog2
