// Positive: the publisher's retry cap defaults to a named class constant whose value, given
// where the constant is defined, is the largest unsigned 64-bit number. Unless a caller sets
// a cap, a publish to a dead broker never gives up. The message names the constant and says
// its value, so nobody has to look it up.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <thread>

bool SendToBroker(const char *topic);

class Publisher {
 public:
  static const std::uint64_t kUnlimitedSends;
  Publisher();
  void set_send_limit(std::uint64_t limit) { send_limit_ = limit; }

  bool Publish(const char *topic) {
    std::uint64_t left = send_limit_;
    while (left-- > 0) {  // expect: retry-unbounded says="`send_limit_` defaults to kUnlimitedSends = SIZE_MAX", retry-no-backoff, retry-unbudgeted
      if (SendToBroker(topic)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  std::uint64_t send_limit_;
};

const std::uint64_t Publisher::kUnlimitedSends = std::numeric_limits<std::uint64_t>::max();

Publisher::Publisher() : send_limit_(kUnlimitedSends) {}
