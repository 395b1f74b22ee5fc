// Positive: three retries a constant 50 ms apart whose bounds are easy to miss. A copy of the
// configured maximum counted down, a deadline checked through a helper, and an attempt
// counter compared with a parameter. None is unbounded; each costs a known number of calls.
#include <chrono>
#include <thread>

namespace rpc {

struct Status {
  bool ok() const;
};

struct Options {
  int max_retries = 3;
};

class Channel {
 public:
  Status Call(int method);
};

class Deadline {
 public:
  bool Expired() const;
};

Status CallWithCountdown(Channel& channel, const Options& options, int method) {
  Status s;
  int left = options.max_retries;
  while (left-- > 0) {  // expect: retry-no-backoff says="up to max_retries attempts 50 ms apart", retry-unbudgeted says="max_retries calls"
    s = channel.Call(method);
    if (s.ok()) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return s;
}

Status CallUntil(Channel& channel, const Deadline& deadline, int method) {
  while (true) {  // expect: retry-no-backoff says="attempts until a deadline 50 ms apart", retry-unbudgeted says="as many calls as fit before the deadline"
    Status s = channel.Call(method);
    if (s.ok() || deadline.Expired()) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status CallAtMost(Channel& channel, int method, int max_attempts) {
  Status s;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted says="max_attempts calls"
    s = channel.Call(method);
    if (s.ok()) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return s;
}

}  // namespace rpc
