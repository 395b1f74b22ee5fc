// Near miss: a sync that re-arms after every reply. A failed reply first asks the strategy
// whether to go on (and stops when it says no), but that test closes before the re-arm: the
// timer is armed on the success path as well, once the slot is parked. A decision to retry that
// is not on the path to the re-run says nothing of it, and the parking's error code is the only
// outcome there: a periodic sync, not a retry.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace mirror {

class Decision {
 public:
  bool need_to_retry() const;
};

class Strategy {
 public:
  Decision ask(std::error_code ec);
};

class Slots {
 public:
  std::error_code park();
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Remote {
 public:
  void pull(std::function<void(std::error_code)> done);
};

class Sync : public std::enable_shared_from_this<Sync> {
 public:
  void run() {
    remote_.pull([self = shared_from_this()](std::error_code ec) { self->after_pull(ec); });
  }

  void after_pull(std::error_code ec) {
    if (ec) {
      Decision d = strategy_.ask(ec);
      if (!d.need_to_retry()) {
        return;
      }
    }
    if (auto err = slots_.park(); err) {
      return;
    }
    timer_.expires_after(std::chrono::seconds(30));
    timer_.async_wait([self = shared_from_this()](std::error_code) { self->run(); });
  }

 private:
  Remote remote_;
  Strategy strategy_;
  Slots slots_;
  Timer timer_;
};

}  // namespace mirror
