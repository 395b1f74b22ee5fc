// Near misses: a value read off a reply is an outcome only where it is compared with a good
// value. Polling a job while its state says Running goes round on success; following the
// location a reply names moves on to a new target.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

namespace batch {

enum class JobState { Queued, Running, Finished, Failed };

class Job {
 public:
  JobState State() const;
  std::string Next() const;
};

class Scheduler {
 public:
  std::unique_ptr<Job> Describe(const std::string& id);
};

bool WaitUntilSettled(Scheduler& scheduler, const std::string& id) {
  while (true) {
    auto job = scheduler.Describe(id);
    if (!job) {
      return false;
    }
    const auto state = job->State();
    if (state == JobState::Running || state == JobState::Queued) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    break;
  }
  return true;
}

int CountChain(Scheduler& scheduler, std::string id) {
  int hops = 0;
  while (!id.empty()) {
    auto job = scheduler.Describe(id);
    if (!job) {
      break;
    }
    const auto next = job->Next();
    id = next;
    ++hops;
  }
  return hops;
}

}  // namespace batch
