// Negative: not a retry budget. A permit counter has the same shape (take one if any remain,
// give it back later, no maximum), but nothing in its names says retry, budget or token, and
// its credit is a release of what was taken, not a share of each request. No finding.
#include <mutex>

namespace pool {

class ConnectionSlots {
 public:
  bool TryTake() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_ > 0) {
      --free_;
      return true;
    }
    return false;
  }

  void Give() {
    std::lock_guard<std::mutex> lock(mu_);
    ++free_;
  }

 private:
  std::mutex mu_;
  int free_ = 16;
};

}  // namespace pool
