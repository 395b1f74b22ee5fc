// Positive: std::this_thread::sleep_until(steady_clock::now() + delay) with a doubling delay;
// an absolute wake-up time is no more random than a relative one.
#include <chrono>
#include <cstdint>
#include <thread>

namespace coordination {

class LeaseClient {
 public:
  bool KeepAlive(int64_t lease_id);
};

bool RenewLease(LeaseClient& client, int64_t lease_id) {
  std::chrono::milliseconds delay(50);
  for (int attempt = 0; attempt < 5; ++attempt) {  // expect: retry-unbudgeted
    if (client.KeepAlive(lease_id)) {
      return true;
    }
    std::this_thread::sleep_until(std::chrono::steady_clock::now() + delay);  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
    delay *= 2;
  }
  return false;
}

}  // namespace coordination
