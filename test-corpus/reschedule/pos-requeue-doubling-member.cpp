// Positive: a message re-queued on an executor after a delay kept in a member, doubled after
// each failure up to a cap and reset on success: growing, capped, not jittered. No attempt cap,
// no budget.
#include <algorithm>
#include <chrono>
#include <functional>

namespace bus {

struct Status {
  bool ok() const;
};

class Broker {
 public:
  Status send(const char* message);
};

class Executor {
 public:
  void run_after(std::chrono::milliseconds delay, std::function<void()> task);
};

class Publisher {
 public:
  void publish() {
    Status s = broker_->send(message_);
    if (!s.ok()) {
      executor_->run_after(retry_delay_, [this] {  // expect: retry-backoff-no-jitter
        publish();  // expect: retry-unbounded, retry-unbudgeted
      });
      retry_delay_ = std::min(retry_delay_ * 2, std::chrono::milliseconds(8000));
      return;
    }
    retry_delay_ = std::chrono::milliseconds(100);
  }

 private:
  Broker* broker_ = nullptr;
  Executor* executor_ = nullptr;
  const char* message_ = "m";
  std::chrono::milliseconds retry_delay_{100};
};

}  // namespace bus
