// Near-miss: a spin lock of the project's own, taken with try_lock and, after 64 failed
// tries, a yield between tries. The "operation" never leaves the process: it is a lock.
#include <atomic>
#include <thread>

namespace engine {

class SpinLock {
 public:
  bool try_lock() { return !held_.test_and_set(std::memory_order_acquire); }
  void unlock() { held_.clear(std::memory_order_release); }

  void lock() {
    int spins = 0;
    while (!try_lock()) {
      if (++spins > 64) {
        std::this_thread::yield();
      }
    }
  }

 private:
  std::atomic_flag held_ = ATOMIC_FLAG_INIT;
};

class TicketGate {
 public:
  // Waits for its turn by polling a counter another thread advances.
  void Enter() {
    unsigned mine = next_.fetch_add(1);
    for (int tries = 0; serving_.load(std::memory_order_acquire) != mine; ++tries) {
      if (tries > 100) {
        std::this_thread::yield();
      }
    }
  }

 private:
  std::atomic<unsigned> next_{0};
  std::atomic<unsigned> serving_{0};
};

}  // namespace engine
