// The interface the two files of policies-split/ share: a retry strategy asked for the delay
// before each retry, and the snapshot store its users upload to.
#ifndef POLICIES_SPLIT_SNAPSHOT_H_
#define POLICIES_SPLIT_SNAPSHOT_H_

#include <chrono>
#include <memory>
#include <string>

namespace snapshot {

class RetryStrategy {
 public:
  virtual ~RetryStrategy() = default;
  virtual std::chrono::milliseconds DelayBeforeNextRetry(int attempt) const = 0;
};

/// Defined in strategy.cpp.
std::unique_ptr<RetryStrategy> MakeDefaultStrategy();

struct Status {
  bool ok() const { return code == 0; }
  int code = 0;
};

class Store {
 public:
  Status Upload(const std::string& name, const std::string& bytes);
};

}  // namespace snapshot

#endif  // POLICIES_SPLIT_SNAPSHOT_H_
