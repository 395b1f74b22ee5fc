// Negative: a poller thread that runs until it is stopped. Its interval member is reset after
// a successful poll and doubled (capped) after a failed one, and every round sleeps on it,
// whatever the outcome: a periodic poll whose pace widens under errors, not a retry of one
// request. No finding of any rule.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace inventory {

class Catalog {
 public:
  bool Refresh();
};

class CatalogPoller {
 public:
  void Run() {
    while (!stopping_.load()) {
      if (catalog_->Refresh()) {
        OnSuccess();
      } else {
        OnFailure();
      }
      std::this_thread::sleep_for(poll_interval_);
    }
  }

  void Stop() { stopping_ = true; }

 private:
  void OnSuccess() { poll_interval_ = kInterval; }
  void OnFailure() { poll_interval_ = std::min(poll_interval_ * 2, kMaxInterval); }

  static constexpr std::chrono::milliseconds kInterval{1000};
  static constexpr std::chrono::milliseconds kMaxInterval{60000};
  Catalog* catalog_ = nullptr;
  std::atomic<bool> stopping_{false};
  std::chrono::milliseconds poll_interval_{kInterval};
};

}  // namespace inventory
