// A breaker whose half-open probe is an std::atomic_flag: the breaker model once took the
// flag for an atomic state and dereferenced a type it never set.
#include <atomic>
#include <functional>
#include <mutex>

class ProbeBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  bool Call(const std::function<bool()>& fn) {
    std::unique_lock<std::mutex> lock(mu_);
    if (state_ == State::kOpen) return false;
    if (state_ == State::kHalfOpen) {
      if (probe_.test_and_set()) return false;
      lock.unlock();
      bool ok = fn();
      lock.lock();
      probe_.clear();
      state_ = ok ? State::kClosed : State::kOpen;
      return ok;
    }
    lock.unlock();
    return fn();
  }
  void Trip() {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = State::kOpen;
  }
  void Cool() {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = State::kHalfOpen;
  }

 private:
  std::mutex mu_;
  std::atomic_flag probe_ = ATOMIC_FLAG_INIT;
  State state_ = State::kClosed;
};
