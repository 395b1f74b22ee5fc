// Positive: `ShouldRetry()` in the loop condition sleeps on a member and doubles it with no cap
// and no limit on the attempts: the loop keeps retrying while the dependency is down, each wait
// twice the last, and asks no budget.
#include <chrono>
#include <thread>

namespace metrics {

class Pusher {
 public:
  bool Push(const char* batch);
};

class Flusher {
 public:
  void Flush(const char* batch) {
    while (!pusher_.Push(batch) && ShouldRetry()) {  // expect: retry-backoff-no-jitter, retry-unbounded, retry-unbudgeted
    }
    wait_ = std::chrono::milliseconds(20);
  }

 private:
  bool ShouldRetry() {
    std::this_thread::sleep_for(wait_);
    wait_ *= 2;  // expect: retry-backoff-uncapped
    return true;
  }

  Pusher pusher_;
  std::chrono::milliseconds wait_{20};
};

}  // namespace metrics
