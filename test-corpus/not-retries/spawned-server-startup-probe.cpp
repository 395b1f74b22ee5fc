// Near-miss: an admin tool launches a server process and waits for it to come up. Each round
// asks whether the child has exited (WaitNoBlock, without waiting), then probes the new
// server's registration over RPC, and sleeps 100 ms until a deadline. The probe fails only
// while the process it just started is still booting: this waits for a state change of a
// process the tool owns. It does not retry a failed request against a shared dependency.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace admin {

struct Status {
  static Status OK() { return Status(); }
  static Status Failed(const std::string& why);
  static Status Expired(const std::string& why);
  bool ok() const { return code == 0; }
  bool IsTimedOut() const { return code == 2; }
  int code = 0;
};

class ChildProcess {
 public:
  explicit ChildProcess(std::vector<std::string> argv);
  Status Launch();
  Status WaitNoBlock();
  Status Kill(int sig);
};

struct RegistrationReply {
  bool has_error() const;
};

class RegistryClient {
 public:
  Status Register(RegistrationReply* reply);
};

Status StartServer(const std::vector<std::string>& argv, RegistryClient& client,
                   std::unique_ptr<ChildProcess>* out) {
  auto child = std::make_unique<ChildProcess>(argv);
  Status launched = child->Launch();
  if (!launched.ok()) return launched;
  auto registered = [&client]() {
    RegistrationReply reply;
    Status s = client.Register(&reply);
    return s.ok() && !reply.has_error();
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  do {
    Status exited = child->WaitNoBlock();
    if (!exited.IsTimedOut()) return Status::Failed("the server exited while starting");
    if (registered()) {
      *out = std::move(child);
      return Status::OK();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  child->Kill(9);
  return Status::Expired("the server did not register in time");
}

}  // namespace admin
