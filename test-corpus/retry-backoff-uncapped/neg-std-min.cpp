// Negative: delay = std::min(delay * 2, kMaxDelay) in a deadline-bounded loop: the deadline
// allows many attempts, and the cap keeps every wait at 5 s or less.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace scheduler {

class NodeAgent {
 public:
  absl::Status RegisterNode(const std::string& node_name, const std::string& labels);
};

absl::Status RegisterUntil(NodeAgent& agent, resilience::RetryBudget& budget,
                           const std::string& node_name, const std::string& labels,
                           std::chrono::steady_clock::time_point deadline) {
  constexpr std::chrono::milliseconds kMaxDelay(5000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds delay(100);

  budget.OnRequest();
  absl::Status status = absl::DeadlineExceededError("deadline passed before the first attempt");
  while (std::chrono::steady_clock::now() < deadline) {
    status = agent.RegisterNode(node_name, labels);
    if (status.ok() || !absl::IsUnavailable(status)) {
      return status;
    }
    if (std::chrono::steady_clock::now() + delay >= deadline || !budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, delay.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    delay = std::min(delay * 2, kMaxDelay);
  }
  return status;
}

}  // namespace scheduler
