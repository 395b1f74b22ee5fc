// Positive: a Retrier object whose Run(fn) retries up to its member max_attempts_, set at
// construction. The bound is a field, not a constant at the call, so the product stays
// symbolic: "max_attempts_ x 3" (ranked as 3 x 3) over two retrying layers. The pinned number
// is the layer count: a symbolic product has spaces, which an annotation value cannot hold.
#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace replication {

class Retrier {
 public:
  Retrier(resilience::RetryBudget* budget, int max_attempts)
      : budget_(budget), max_attempts_(max_attempts) {}

  absl::Status Run(const std::function<absl::Status()>& fn) {
    constexpr std::chrono::milliseconds kBase(10);
    constexpr std::chrono::milliseconds kCap(800);
    thread_local std::mt19937_64 rng{std::random_device{}()};

    budget_->OnRequest();
    absl::Status status = fn();
    for (int attempt = 1; attempt < max_attempts_ && !status.ok(); ++attempt) {
      if (!budget_->TryRetry()) break;
      // Full jitter under the cap; the exponent is clamped so the shift cannot overflow.
      const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << std::min(attempt, 10)));
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      status = fn();
    }
    return status;
  }

 private:
  resilience::RetryBudget* budget_;
  int max_attempts_;
};

class PeerStub {
 public:
  absl::Status AppendEntries(const std::string& batch);
};

// Inner layer: the peer client retries each append 3 times in a loop of its own.
class PeerClient {
 public:
  PeerClient(PeerStub* stub, resilience::RetryBudget* budget) : stub_(stub), budget_(budget) {}

  absl::Status Append(const std::string& batch) {
    constexpr int kMaxAttempts = 3;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    absl::Status status = stub_->AppendEntries(batch);
    for (int attempt = 1; attempt < kMaxAttempts && !status.ok(); ++attempt) {
      if (!budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(500, 50 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      status = stub_->AppendEntries(batch);
    }
    return status;
  }

 private:
  PeerStub* stub_;
  resilience::RetryBudget* budget_;
};

// Outer layer: the replication worker retries each push with a Retrier built by its owner.
class ReplicationWorker {
 public:
  ReplicationWorker(PeerClient* peer, Retrier* retrier) : peer_(peer), retrier_(retrier) {}

  absl::Status Push(const std::string& batch) {
    return retrier_->Run([&] { return peer_->Append(batch); });  // expect: retry-nested-fanout layers=2
  }

 private:
  PeerClient* peer_;
  Retrier* retrier_;
};

}  // namespace replication
