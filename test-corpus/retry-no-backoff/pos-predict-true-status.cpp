// Positive: the outcome test is wrapped in a branch-prediction hint (PREDICT_TRUE expands to
// __builtin_expect); the loop still leaves on success and otherwise waits a constant 2 s.
#include <chrono>
#include <thread>

#define PREDICT_TRUE(x) (__builtin_expect(!!(x), 1))

namespace metering {

class Status {
 public:
  bool ok() const;
};

class Collector {
 public:
  Status Register(int meter_id);
};

Status RegisterMeter(Collector& collector, int meter_id) {
  Status s;
  for (int attempt = 1;; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
    s = collector.Register(meter_id);
    if (PREDICT_TRUE(s.ok())) {
      return s;
    }
    if (attempt == 4) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
  return s;
}

}  // namespace metering
