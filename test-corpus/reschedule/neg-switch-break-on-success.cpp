// Near-miss: the same switch shape, but only the good reply leaves it by `break`: a stopped
// peer returns, a failed beat reports and returns. The call after the switch beats again 500 ms
// after a successful beat: a periodic heartbeat that stops on the first failure, not a retry.
#include <chrono>
#include <functional>
#include <system_error>

namespace lease {

enum class Verdict { ok, stopped, failed };

struct Reply {
  Verdict verdict;
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Peer {
 public:
  void heartbeat(std::function<void(Reply)> done);
};

class Keeper {
 public:
  void beat() {
    peer_->heartbeat([this](Reply r) { on_reply(r); });
  }

 private:
  void on_reply(const Reply& reply) {
    switch (reply.verdict) {
      case Verdict::ok:
        ++beats_;
        break;
      case Verdict::stopped:
        released_ = true;
        return;
      default:
        ++errors_;
        return;
    }
    timer_.expires_after(std::chrono::milliseconds(500));
    timer_.async_wait([this](std::error_code) { beat(); });
  }

  Peer* peer_ = nullptr;
  Timer timer_;
  long beats_ = 0;
  bool released_ = false;
  int errors_ = 0;
};

}  // namespace lease
