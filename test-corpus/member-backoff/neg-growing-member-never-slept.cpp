// Negative: members that grow but that nothing waits on. `total_backoff_` adds up the pauses a
// caller reports (a statistic), and `slowest_wait_` doubles a reporting threshold after each
// slow call; neither is a delay of this program. No finding of any rule.
#include <algorithm>
#include <chrono>

namespace stats {

class RetryStats {
 public:
  void RecordPause(std::chrono::milliseconds pause) {
    total_backoff_ += pause;
    ++pauses_;
  }

  void RecordSlowCall(std::chrono::milliseconds took) {
    if (took > slowest_wait_) slowest_wait_ = std::min(slowest_wait_ * 2, std::chrono::milliseconds(60000));
  }

  std::chrono::milliseconds total() const { return total_backoff_; }
  std::chrono::milliseconds threshold() const { return slowest_wait_; }
  long pauses() const { return pauses_; }

 private:
  std::chrono::milliseconds total_backoff_{0};
  std::chrono::milliseconds slowest_wait_{100};
  long pauses_ = 0;
};

}  // namespace stats
