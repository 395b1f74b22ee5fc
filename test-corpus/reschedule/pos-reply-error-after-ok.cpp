// Positive: the call went through (`s.ok()`) but the reply it filled says the server refused it
// (`reply_.has_error()`); that conjunction is a failure, and the lookup is sent again after a
// constant 100 ms timer, with no bound and no budget.
#include <chrono>
#include <functional>

namespace catalog {

struct Status {
  bool ok() const;
};

struct Reply {
  bool has_error() const;
};

class Channel {
 public:
  void Call(Reply* reply, std::function<void(const Status&)> done);
};

class Scheduler {
 public:
  void RunAfter(std::chrono::milliseconds delay, std::function<void()> task);
};

class Lookup {
 public:
  void Send() {
    channel_->Call(&reply_, [this](const Status& s) { OnDone(s); });
  }

 private:
  void OnDone(const Status& s) {
    if (s.ok() && reply_.has_error()) {
      scheduler_->RunAfter(std::chrono::milliseconds(100), [this] { Send(); });  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
      return;
    }
    finished_ = true;
  }

  Channel* channel_ = nullptr;
  Scheduler* scheduler_ = nullptr;
  Reply reply_;
  bool finished_ = false;
};

}  // namespace catalog
