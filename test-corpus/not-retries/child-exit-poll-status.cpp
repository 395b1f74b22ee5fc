// Negative: after SIGTERM, a supervisor polls its child's exit without blocking, every 10 ms
// until a stopwatch says 5 s have passed, then escalates. `ReapNoBlock`-style calls
// (WaitNoBlock, try_wait) ask whether the child has exited; the status they return is tested,
// but nothing leaves the process and nothing is retried: it is a wait for a state change.
#include <chrono>
#include <string>
#include <thread>

#define PREDICT_FALSE(x) (__builtin_expect(!!(x), 0))
#define RETURN_NOT_OK_PREPEND(expr, msg)                          \
  do {                                                            \
    const ::supervisor::Status& _st = (expr);                     \
    if (PREDICT_FALSE(!_st.ok())) return _st.CloneAndPrepend(msg); \
  } while (0)

namespace supervisor {

struct Status {
  static Status OK() { return Status(); }
  bool ok() const { return code == 0; }
  bool IsTimedOut() const { return code == 2; }
  Status CloneAndPrepend(const std::string& msg) const;
  int code = 0;
};

std::string Describe(const char* what, int pid);

class Child {
 public:
  Status Signal(int sig);
  Status WaitNoBlock();
  Status Wait();
  int pid() const { return pid_; }

 private:
  int pid_ = 0;
};

Status StopChild(Child& child) {
  Status s = child.Signal(15);
  if (!s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  do {
    s = child.WaitNoBlock();
    if (s.ok()) break;
    if (!s.IsTimedOut()) {
      RETURN_NOT_OK_PREPEND(s, Describe("waiting on", child.pid()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  if (s.IsTimedOut()) {
    child.Signal(9);
    return child.Wait();
  }
  return Status::OK();
}

}  // namespace supervisor
