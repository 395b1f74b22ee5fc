// Near-miss: a thread waits on the project's own latch or synchroniser with a timeout, and
// does housekeeping each time the wait times out (keeps a failure detector quiet, reports
// progress). The call in the loop is a wait, not an operation: nothing is re-attempted, and
// nothing may be reported as a retry "with no delay".
#include "local/latch.h"

namespace replica {

class Follower {
 public:
  local::Outcome AppendAndWait(local::Synchronizer &appended) {
    local::Outcome s = local::Outcome::Ok();
    do {
      s = appended.WaitFor(local::Interval(500));
      if (s.IsTimedOut()) {
        QuietFailureDetector();
        HoldVotes();
      }
    } while (s.IsTimedOut());
    return s;
  }

  bool WaitForChecksums(local::CountDownLatch &replies, int budget_ms) {
    bool done = false;
    int waited = 0;
    while (!done) {
      if (waited >= budget_ms)
        return false;
      done = replies.WaitFor(local::Interval(100));
      waited += 100;
      ReportProgress(waited);
    }
    return true;
  }

 private:
  // Defined with the election code: opaque here, like any call the loop makes.
  void QuietFailureDetector();
  void HoldVotes();
  void ReportProgress(int waited);
};

} // namespace replica
