// Positive: a fetch hands itself to a retrier object on failure. The retrier waits a doubling,
// capped delay (no jitter) on a scheduler and starts the fetch again unless the deadline has
// passed: one cycle start -> on_reply -> retry_later(this) -> start, deadline-bounded, no budget.
#include <algorithm>
#include <chrono>
#include <functional>

namespace feed {

using Clock = std::chrono::steady_clock;

struct Status {
  bool ok() const;
};

class Transport {
 public:
  void send(const char* path, std::function<void(Status)> done);
};

class Scheduler {
 public:
  void run_after(std::chrono::milliseconds delay, std::function<void()> task);
};

class Fetch;

class Retrier {
 public:
  void retry_later(Fetch* fetch, const Status& why);

 private:
  static std::chrono::milliseconds next_delay(int attempt) {
    return std::min(std::chrono::milliseconds(50) * (1 << std::min(attempt, 10)),
                    std::chrono::milliseconds(2000));
  }
  void fire(Fetch* fetch);

  Scheduler* scheduler_ = nullptr;
  Clock::time_point deadline_;
  int attempt_ = 0;
};

class Fetch {
 public:
  virtual ~Fetch() = default;
  virtual void start() {
    transport_->send(path_, [this](Status s) { on_reply(s); });
  }
  virtual void fail();

 private:
  void on_reply(const Status& s) {
    if (!s.ok()) {
      retrier_.retry_later(this, s);  // expect: retry-unbudgeted
      return;
    }
    done_ = true;
  }

  Transport* transport_ = nullptr;
  Retrier retrier_;
  const char* path_ = "/feed";
  bool done_ = false;
};

void Retrier::retry_later(Fetch* fetch, const Status&) {
  std::chrono::milliseconds delay = next_delay(attempt_++);
  scheduler_->run_after(delay, [this, fetch] { fire(fetch); });  // expect: retry-backoff-no-jitter
}

void Retrier::fire(Fetch* fetch) {
  if (Clock::now() > deadline_) {
    fetch->fail();
    return;
  }
  fetch->start();
}

}  // namespace feed
