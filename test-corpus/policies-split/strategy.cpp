// A strategy class in one TU, its retry loop in another (uploader.cpp). Alone, nothing here
// shows who sleeps on the strategy, so it is reported at its return. Linked with uploader.cpp,
// the finding moves to the loop's sleep there, with these delays (see
// tests/cli/policy_split_test.sh).
#include <algorithm>
#include <memory>

#include "include/snapshot.h"

namespace snapshot {

class ExponentialStrategy : public RetryStrategy {
 public:
  std::chrono::milliseconds DelayBeforeNextRetry(int attempt) const override {
    return std::chrono::milliseconds(std::min(250 * (1 << attempt), 8000));  // expect: retry-backoff-no-jitter
  }
};

std::unique_ptr<RetryStrategy> MakeDefaultStrategy() { return std::make_unique<ExponentialStrategy>(); }

}  // namespace snapshot
