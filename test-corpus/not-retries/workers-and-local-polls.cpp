// Near-miss: loops that look like retries by their shape and are not.
// - A scheduler thread: picks the next job each round, prepares it, goes round when the
//   preparation fails, and leaves only when the owner shuts down. It does work on success
//   too; a stop flag is not a success.
// - Waiting for the local clock service to synchronise: the poll reads local state with a
//   growing interval until a deadline; no dependency receives the calls.
// - Waiting for an in-process instance count to reach zero before tearing down.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>

#include "local/latch.h"

namespace scheduler {

struct Job {
  bool Prepare();
  void Run();
};

class Maintenance {
 public:
  void RunSchedulerThread() {
    while (true) {
      Job *job = nullptr;
      {
        std::lock_guard<std::mutex> hold(lock_);
        if (shutdown_)
          return;
        job = PickBestJob();
      }
      if (!job) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      if (!job->Prepare())
        continue;
      job->Run();
    }
  }

 private:
  Job *PickBestJob();
  std::mutex lock_;
  bool shutdown_ = false;
};

} // namespace scheduler

namespace timekeeping {

class TimeService {
 public:
  virtual ~TimeService() = default;
  virtual local::Outcome WalltimeWithError(uint64_t *now_us, uint64_t *error_us) = 0;
};

local::Outcome WaitForClockSync(TimeService *clock, int wait_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_s);
  uint64_t now_us = 0, error_us = 0;
  int poll_ms = 1;
  local::Outcome s = local::Outcome::Ok();
  do {
    s = clock->WalltimeWithError(&now_us, &error_us);
    if (!s.IsUnavailable())
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms));
    poll_ms = std::min(poll_ms * 2, 1000);
  } while (std::chrono::steady_clock::now() < deadline);
  return s;
}

} // namespace timekeeping

namespace teardown {

struct Messenger {
  static int GetInstanceCount();
};

void WaitForMessengersToStop() {
  int live = Messenger::GetInstanceCount();
  if (live == 0)
    return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    live = Messenger::GetInstanceCount();
    if (live == 0)
      break;
  } while (std::chrono::steady_clock::now() < deadline);
}

} // namespace teardown
