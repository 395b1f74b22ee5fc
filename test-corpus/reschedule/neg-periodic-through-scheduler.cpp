// Near-miss: a sync task re-armed through a ticker object every period, whatever the sync's
// outcome: a periodic job, not a retry. A failure is only counted: clean.
#include <chrono>
#include <functional>

namespace mirror {

struct Status {
  bool ok() const;
};

class Scheduler {
 public:
  void run_after(std::chrono::milliseconds delay, std::function<void()> task);
};

class SyncTask;

class Ticker {
 public:
  void again(SyncTask* task);

 private:
  Scheduler* scheduler_ = nullptr;
  std::chrono::milliseconds period_{30000};
};

class SyncTask {
 public:
  void tick() {
    Status s = sync();
    if (!s.ok())
      ++failures_;
    ticker_.again(this);
  }

 private:
  Status sync();
  Ticker ticker_;
  int failures_ = 0;
};

void Ticker::again(SyncTask* task) {
  scheduler_->run_after(period_, [task] { task->tick(); });
}

}  // namespace mirror
