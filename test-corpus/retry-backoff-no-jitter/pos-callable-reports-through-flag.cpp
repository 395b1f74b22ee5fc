// A generic wait-and-retry helper: the callable it is handed reports through a flag whether
// another try is wanted, and its status is passed back once the flag says stop. The pause
// grows by a quarter each round up to 2 s with no randomness, until a deadline.
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace catalog {

struct Status {
  bool ok() const { return code == 0; }
  static Status TimedOut(const std::string &) { return Status{1}; }
  int code = 0;
};

using Clock = std::chrono::steady_clock;

Status RetryUntil(Clock::time_point deadline, const std::function<Status(Clock::time_point, bool *)> &step) {
  double pause_s = 0.001;
  const double kMaxPauseS = 2.0;
  while (true) {  // expect: retry-unbudgeted
    auto started = Clock::now();
    bool again = true;
    Status s = step(deadline, &again);
    if (!again)
      return s;
    auto now = Clock::now();
    double took_s = std::chrono::duration<double>(now - started).count();
    double left_s = std::chrono::duration<double>(deadline - now).count();
    pause_s = std::min(pause_s * 1.25, kMaxPauseS);
    if (pause_s + took_s > left_s)
      break;
    std::this_thread::sleep_for(std::chrono::duration<double>(pause_s));  // expect: retry-backoff-no-jitter
  }
  return Status::TimedOut("gave up waiting");
}

}  // namespace catalog
