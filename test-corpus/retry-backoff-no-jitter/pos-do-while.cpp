// Positive: a do { } while retry loop; the sleep in the failure branch also runs after the last
// failed attempt.
#include <chrono>
#include <string>
#include <thread>

namespace scheduler {

class ClusterAgent {
 public:
  bool SendHeartbeat(const std::string& node_id);
};

bool Heartbeat(ClusterAgent& agent, const std::string& node_id) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kBase(200);
  int attempt = 0;
  bool delivered = false;
  do {  // expect: retry-unbudgeted
    delivered = agent.SendHeartbeat(node_id);
    if (!delivered) {
      std::this_thread::sleep_for(kBase * (1 << attempt));  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
    }
  } while (!delivered && ++attempt < kMaxAttempts);
  return delivered;
}

}  // namespace scheduler
