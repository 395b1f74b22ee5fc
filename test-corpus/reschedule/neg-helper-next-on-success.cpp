// Near-miss: a batch job hands itself to a pacer that schedules the next batch, but only after
// a batch succeeded; a failed batch stops the job. Moving on, not a retry: clean.
#include <chrono>
#include <functional>

namespace etl {

struct Status {
  bool ok() const;
};

class Scheduler {
 public:
  void run_after(std::chrono::milliseconds delay, std::function<void()> task);
};

class Batch;

class Pacer {
 public:
  void next(Batch* batch);

 private:
  Scheduler* scheduler_ = nullptr;
};

class Batch {
 public:
  void run() {
    Status s = load();
    if (s.ok()) {
      pacer_.next(this);
      return;
    }
    failed_ = true;
  }

 private:
  Status load();
  Pacer pacer_;
  bool failed_ = false;
};

void Pacer::next(Batch* batch) {
  scheduler_->run_after(std::chrono::milliseconds(100), [batch] { batch->run(); });
}

}  // namespace etl
