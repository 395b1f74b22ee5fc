// Negative: a store that stops taking background tasks while it closes. reject_new_tasks_ is
// set just before the close and cleared only if the close fails; the clock is read for the
// idle wait's own timeout. No failure of a call sets the flag and no isolation time passes
// before it is cleared: a shutdown flag, not an isolation breaker. "eject" inside "reject" is
// not a word of the name, nor is "fuse" inside the maintenance switch writes_refused_.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace store {

class TaskStore {
 public:
  bool WaitIdleThenClose(std::chrono::microseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running_ > 0) {
      if (idle_.wait_until(lock, deadline) == std::cv_status::timeout) return false;
    }
    reject_new_tasks_ = true;
    lock.unlock();
    const bool closed = Close();
    lock.lock();
    if (!closed) reject_new_tasks_ = false;
    return closed;
  }

  bool Submit() {
    std::lock_guard<std::mutex> lock(mu_);
    if (reject_new_tasks_ || writes_refused_) return false;
    ++running_;
    return true;
  }

  void Finished() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--running_ == 0) idle_.notify_all();
  }

  // An operator's maintenance switch; the time is kept for the status page.
  void EnterReadOnly() {
    std::lock_guard<std::mutex> lock(mu_);
    writes_refused_ = true;
    read_only_since_ = std::chrono::steady_clock::now();
  }

  void LeaveReadOnly() {
    std::lock_guard<std::mutex> lock(mu_);
    writes_refused_ = false;
  }

 private:
  bool Close();

  std::mutex mu_;
  std::condition_variable idle_;
  int running_ = 0;
  bool reject_new_tasks_ = false;
  bool writes_refused_ = false;
  std::chrono::steady_clock::time_point read_only_since_;
};

}  // namespace store
