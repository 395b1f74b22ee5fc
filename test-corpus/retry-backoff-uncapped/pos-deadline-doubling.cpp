// Positive: a deadline bounds the loop but not the delay: with a 10-minute deadline the
// un-capped ceiling doubles to 102 s, 204 s, ... before the deadline ends it.
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace raft {

class RaftClient {
 public:
  absl::Status Propose(const std::string& command);
};

absl::Status ProposeUntil(RaftClient& raft, resilience::RetryBudget& budget,
                          const std::string& command,
                          std::chrono::steady_clock::time_point deadline) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds backoff(50);

  budget.OnRequest();
  absl::Status status = absl::DeadlineExceededError("deadline passed before the first attempt");
  while (std::chrono::steady_clock::now() < deadline) {
    status = raft.Propose(command);
    if (status.ok() || !absl::IsUnavailable(status)) {
      return status;
    }
    if (std::chrono::steady_clock::now() + backoff >= deadline || !budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, backoff.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    backoff = backoff * 2;  // expect: retry-backoff-uncapped
  }
  return status;
}

}  // namespace raft
