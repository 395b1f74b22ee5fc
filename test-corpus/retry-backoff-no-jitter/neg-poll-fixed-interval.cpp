// Negative: polling a long-running operation at a fixed interval until a deadline. Every poll
// succeeded; the loop waits for server-side progress and returns any error, so it retries nothing.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace compute {

struct Operation {
  std::string name;
  bool done = false;
  absl::Status result;
};

class OperationsClient {
 public:
  absl::StatusOr<Operation> GetOperation(const std::string& name);
};

absl::Status WaitForOperation(OperationsClient& ops, const std::string& name,
                              std::chrono::seconds timeout) {
  constexpr std::chrono::seconds kPollInterval(2);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    absl::StatusOr<Operation> op = ops.GetOperation(name);
    if (!op.ok()) {
      return op.status();  // a failed poll is reported, never retried here
    }
    if (op->done) {
      return op->result;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  return absl::DeadlineExceededError("operation " + name + " still running");
}

}  // namespace compute
