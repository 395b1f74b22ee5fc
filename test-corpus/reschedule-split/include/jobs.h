// What the files of reschedule-split/ share: a job the retrier re-runs, the retrier (defined in
// retrier.cpp), a notifier whose callback runs another object's method (notifier.cpp), and the
// executor and transport they call.
#ifndef RESCHEDULE_SPLIT_JOBS_H_
#define RESCHEDULE_SPLIT_JOBS_H_

#include <chrono>
#include <functional>
#include <string>

namespace ingest {

using Clock = std::chrono::steady_clock;

struct Status {
  static Status TimedOut() { return Status{1}; }
  bool ok() const { return code == 0; }
  int code = 0;
};

class Executor {
 public:
  void RunAfter(std::chrono::milliseconds delay, std::function<void()> task);
};

class Transport {
 public:
  void Send(const std::string& what, std::function<void(const Status&)> done);
};

/// Anything the retrier can run again.
class Job {
 public:
  virtual ~Job() = default;
  virtual void Run() = 0;
  virtual void Abort(const Status& why) = 0;
};

/// Runs the job again after a jittered, doubling delay, unless its deadline has passed.
class JobRetrier {
 public:
  void RetryLater(Job* job, const Status& why);

 private:
  static std::chrono::milliseconds Backoff(int attempt);
  void Fire(Job* job);

  Executor* executor_ = nullptr;
  Clock::time_point deadline_;
  int attempt_ = 0;
};

class Audit {
 public:
  void Record(const std::string& what);
};

/// Tells the audit log about a job a little later; never runs the job itself.
class Notifier {
 public:
  void NotifyLater(Job* job, const Status& why);

 private:
  Executor* executor_ = nullptr;
  Audit* audit_ = nullptr;
};

}  // namespace ingest

#endif  // RESCHEDULE_SPLIT_JOBS_H_
