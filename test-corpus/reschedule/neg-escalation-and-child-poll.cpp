// Negative: stopping a child process. SIGTERM first, then a poll for its exit (a non-blocking
// wait on local process state, not an operation), and when it has not exited in time the
// same function is called once more with SIGKILL: an escalation to the value the guard tests,
// taken once, not a retry.
#include <chrono>
#include <csignal>
#include <thread>

namespace proc {

struct Outcome {
  bool ok() const;
  bool IsTimedOut() const;
  static Outcome Ok();
};

class Child {
 public:
  Outcome KillAndWait(int signal) {
    Outcome s = Kill(signal);
    if (!s.ok())
      return s;
    if (signal == SIGKILL)
      return Wait();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    do {
      s = WaitNoBlock();
      if (s.ok())
        break;
      if (!s.IsTimedOut())
        return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    if (s.IsTimedOut())
      return KillAndWait(SIGKILL);
    return Outcome::Ok();
  }

 private:
  Outcome Kill(int signal);
  Outcome Wait();
  Outcome WaitNoBlock();
};

} // namespace proc
