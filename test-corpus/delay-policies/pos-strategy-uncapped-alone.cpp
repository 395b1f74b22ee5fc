// Positive: a reconnect strategy whose delay doubles per attempt with nothing that caps it and
// no randomness; no caller in this program. Both are reported on its return line, where the
// growth is.
#include <chrono>

namespace mq {

class ReconnectBackoff {
 public:
  explicit ReconnectBackoff(std::chrono::milliseconds base) : base_(base) {}

  std::chrono::milliseconds NextDelay(int attempt) const {
    return base_ * (1 << attempt);  // expect: retry-backoff-no-jitter, retry-backoff-uncapped says="grows the delay ×2 per attempt with no cap"
  }

 private:
  std::chrono::milliseconds base_;
};

}  // namespace mq
