// Not a breaker: a connection with a `broken_` flag and a reconnect delay that doubles (jittered).
// Reconnect() clears the flag after a successful dial; nothing here admits or refuses callers.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>

namespace db {

class Connection {
 public:
  bool Send(int bytes) {
    if (broken_.load()) return false;
    sent_ += bytes;
    return true;
  }

  void MarkBroken() {
    broken_.store(true);
    std::uniform_int_distribution<int> d(0, std::min(delay_ms_ * 2, 10000));
    delay_ms_ = std::max(1, d(rng_));
  }

  void Reconnect() {
    delay_ms_ = 10;
    broken_.store(false);
  }

  int delay_ms() const { return delay_ms_; }

 private:
  std::atomic<bool> broken_{false};
  int delay_ms_ = 10;
  long sent_ = 0;
  std::mt19937 rng_;
};

}  // namespace db
