// A session manager reconnects when a connect attempt completes with an error, until the
// command's deadline. The failure arrives in the completion of an asynchronous connect, which
// may itself wait or time out before it reports: the delay between attempts is unknown, so
// no "back to back" claim, only the missing budget.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace sessions {

class Session {
 public:
  void connect(std::function<void(std::error_code)> done);
  void send(int request);
};

struct Command {
  int request = 0;
  std::chrono::steady_clock::time_point deadline;
  bool deadline_expired() const { return std::chrono::steady_clock::now() > deadline; }
  void fail(std::error_code ec);
};

class Manager {
 public:
  void connect_then_send(std::shared_ptr<Command> cmd) {
    auto session = std::make_shared<Session>();
    session->connect([this, session, cmd](std::error_code ec) {
      if (ec) {
        if (cmd->deadline_expired()) {
          cmd->fail(ec);
          return;
        }
        connect_then_send(cmd);  // expect: retry-unbudgeted says="through `sessions::Session::connect`"
        return;
      }
      session->send(cmd->request);
    });
  }
};

} // namespace sessions
