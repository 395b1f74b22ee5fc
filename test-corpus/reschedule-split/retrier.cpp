// The retrier of reschedule-split/: it schedules job->Run() on the executor after a jittered
// doubling backoff and fails the job instead once its deadline has passed. Alone it retries
// nothing (no job re-runs itself here), so this file is clean.
#include <algorithm>
#include <cstdlib>

#include "include/jobs.h"

namespace ingest {

std::chrono::milliseconds JobRetrier::Backoff(int attempt) {
  return std::chrono::milliseconds((10 + std::rand() % 10) * (1 << std::min(attempt, 8)));
}

void JobRetrier::RetryLater(Job* job, const Status&) {
  std::chrono::milliseconds delay = Backoff(attempt_++);
  executor_->RunAfter(delay, [this, job] { Fire(job); });
}

void JobRetrier::Fire(Job* job) {
  Status status;
  if (Clock::now() > deadline_) status = Status::TimedOut();
  if (status.ok()) {
    job->Run();
  } else {
    job->Abort(status);
  }
}

}  // namespace ingest
