// A background task builds a system client: each round it resolves and pings the masters one
// after another until one answers, then creates the client; on failure it waits 1 s and starts the
// round over with the same list. Only shutdown ends it: no attempt cap, no deadline.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace txn {

struct Status {
  bool ok() const { return code == 0; }
  int code = 0;
};

class SystemClient {};

struct Address {
  std::string ip;
};

Status Resolve(const std::string &host, Address *out);
Status Ping(const Address &addr);
Status CreateClient(const std::vector<std::string> &hosts, std::unique_ptr<SystemClient> *out);

class Initializer {
 public:
  void Run(const std::vector<std::string> &masters) {
    std::unique_ptr<SystemClient> created;
    while (!shutting_down_) {  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
      Status s;
      for (const auto &host : masters) {
        Address addr;
        s = Resolve(host, &addr);
        if (s.ok())
          s = Ping(addr);
        if (s.ok())
          break;
      }
      if (s.ok())
        s = CreateClient(masters, &created);
      if (s.ok()) {
        client_ = std::move(created);
        return;
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

 private:
  std::atomic<bool> shutting_down_{false};
  std::unique_ptr<SystemClient> client_;
};

}  // namespace txn
