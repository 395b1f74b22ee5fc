// Positive: the retriable replies leave a switch by `break` and the call after the switch sends
// again; every other reply returns from inside the switch. A constant 200 ms timer paces the
// resend, no attempt cap, no budget: one cycle send -> on_reply -> timer -> send.
#include <chrono>
#include <functional>
#include <system_error>

namespace ledger {

enum class Verdict { ok, overloaded, wrong_leader, rejected };

struct Reply {
  Verdict verdict;
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Channel {
 public:
  void append(const char* entry, std::function<void(Reply)> done);
};

class Appender {
 public:
  void send() {
    channel_->append(entry_, [this](Reply r) { on_reply(r); });
  }

 private:
  void on_reply(const Reply& reply) {
    switch (reply.verdict) {
      case Verdict::overloaded:
        ++overloaded_;
        break;
      case Verdict::wrong_leader:
        leader_known_ = false;
        break;
      case Verdict::ok:
        committed_ = true;
        return;
      default:
        rejected_ = true;
        return;
    }
    timer_.expires_after(std::chrono::milliseconds(200));
    timer_.async_wait([this](std::error_code) { send(); });  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
  }

  Channel* channel_ = nullptr;
  Timer timer_;
  const char* entry_ = "e";
  int overloaded_ = 0;
  bool leader_known_ = true;
  bool committed_ = false;
  bool rejected_ = false;
};

}  // namespace ledger
