// Near-miss: blocking waits for a state change. A C11 condition variable waited on with an
// absolute deadline in while (1), returning on timeout; and a std::condition_variable wait
// for a flag another thread sets. Each iteration waits; nothing fails and is tried again.
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <threads.h>

namespace sync_util {

struct Latch {
  mtx_t mu;
  cnd_t cv;
  int released;
};

// 1 when released, 0 on timeout.
int LatchTimedWait(Latch* latch, const struct timespec* deadline) {
  mtx_lock(&latch->mu);
  while (1) {
    if (latch->released) {
      mtx_unlock(&latch->mu);
      return 1;
    }
    if (cnd_timedwait(&latch->cv, &latch->mu, deadline) == thrd_timedout) {
      mtx_unlock(&latch->mu);
      return 0;
    }
  }
}

class Readiness {
 public:
  bool WaitUntilReady(std::chrono::milliseconds budget) {
    std::unique_lock<std::mutex> lock(mu_);
    auto deadline = std::chrono::steady_clock::now() + budget;
    while (!ready_) {
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
        return ready_;
      }
    }
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool ready_ = false;
};

}  // namespace sync_util
