// Positive: integer milliseconds grown with base << n, converted to a chrono duration at the
// sleep.
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace cache {

struct Reply {
  bool ok = false;
  bool transient = false;
  std::string value;
};

class RedisConnection {
 public:
  Reply Command(const std::string& verb, const std::string& key);
};

Reply GetWithRetry(RedisConnection& conn, const std::string& key) {
  constexpr int kMaxAttempts = 5;
  constexpr int64_t kBaseDelayMs = 25;
  Reply reply;
  for (int n = 0; n < kMaxAttempts; ++n) {  // expect: retry-unbudgeted
    reply = conn.Command("GET", key);
    if (reply.ok || !reply.transient) {
      return reply;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kBaseDelayMs << n));  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return reply;
}

}  // namespace cache
