// Positive: the loop sleeps on a virtual delay with two overrides in this file. Which one runs
// is not visible, so the loop's delay is unknown (no claim about it) and each override is judged
// on its own: the jittered one is clean, the fixed one retries in lockstep, reported at its return.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "resilience/retry_budget.h"

namespace dns {

class ResolveRetryPolicy {
 public:
  virtual ~ResolveRetryPolicy() = default;
  virtual std::chrono::milliseconds RetryDelay(int attempt) = 0;
};

class JitteredPolicy : public ResolveRetryPolicy {
 public:
  std::chrono::milliseconds RetryDelay(int attempt) override {
    std::uniform_int_distribution<int> dist(0, std::min(50 << std::min(attempt, 8), 5000));
    return std::chrono::milliseconds(dist(rng_));
  }

 private:
  std::mt19937 rng_{std::random_device{}()};
};

class FixedPolicy : public ResolveRetryPolicy {
 public:
  std::chrono::milliseconds RetryDelay(int /*attempt*/) override {
    return std::chrono::milliseconds(100);  // expect: retry-no-backoff says="`dns::FixedPolicy::RetryDelay` gives the same 100 ms every time"
  }
};

struct Answer {
  bool ok = false;
};

Answer Query(const char* name);

Answer Resolve(const char* name, ResolveRetryPolicy& policy, resilience::RetryBudget& budget) {
  budget.OnRequest();
  Answer answer;
  for (int attempt = 0; attempt < 3; ++attempt) {
    answer = Query(name);
    if (answer.ok) return answer;
    if (attempt == 2 || !budget.TryRetry()) break;
    std::this_thread::sleep_for(policy.RetryDelay(attempt));
  }
  return answer;
}

}  // namespace dns
