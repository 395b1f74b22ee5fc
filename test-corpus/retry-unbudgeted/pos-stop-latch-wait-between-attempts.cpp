// A background task clears a marker on a remote leader, up to three times, waiting on the
// service's stop latch between attempts (so shutdown interrupts the wait). The wait is a
// delay, not "no delay": only the missing budget is reported. The status built before the
// loop by a named constructor (Outcome::Ok()) is not a first attempt: three calls, not four.
#include "local/latch.h"

namespace rebalance {

struct LeaderClient {
  local::Outcome ClearMarker(int tablet);
};

class Rebalancer {
 public:
  local::Outcome ClearWithRetries(LeaderClient &leader, int tablet) {
    local::Outcome s = local::Outcome::Ok();
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted says="3 calls (3× load)"
      s = leader.ClearMarker(tablet);
      if (s.ok())
        return s;
      if (shutdown_.WaitFor(local::Interval(100 << (attempt - 1))))
        return local::Outcome::Unavailable("shutting down");
    }
    return s;
  }

 private:
  static constexpr int kMaxAttempts = 3;
  local::CountDownLatch shutdown_{1};
};

// The same service keeps asking the metastore for its id every second until it answers or
// the service stops: a loop that runs until stopped is a worker, reported by no per-request
// rule, and its wait is the stop latch's.
class Catalog {
 public:
  struct Metastore {
    local::Outcome FetchUuid(std::string *uuid);
  };
  void LoopInitializeUuid(Metastore &ms) {
    do {
      std::string uuid;
      local::Outcome s = ms.FetchUuid(&uuid);
      if (s.ok()) {
        uuid_ = uuid;
        return;
      }
    } while (!running_.WaitFor(local::Interval(1000)));
  }

 private:
  local::CountDownLatch running_{1};
  std::string uuid_;
};

} // namespace rebalance
