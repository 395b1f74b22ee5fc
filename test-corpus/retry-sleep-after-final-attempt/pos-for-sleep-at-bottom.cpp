// Positive: for (...) { if (op()) return; sleep(d); }. The sleep at the bottom also runs after
// the fourth and last failure, so every failed call returns up to 3.2 s later than it could.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace dns {

class RegistrarClient {
 public:
  bool UpdateNameservers(const std::string& domain, const std::string& nameservers);
};

bool UpdateDelegation(RegistrarClient& registrar, resilience::RetryBudget& budget,
                      const std::string& domain, const std::string& nameservers) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(3200);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(400);

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0 && !budget.TryRetry()) {
      return false;
    }
    if (registrar.UpdateNameservers(domain, nameservers)) {
      return true;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));  // expect: retry-sleep-after-final-attempt
    ceiling = std::min(ceiling * 2, kCap);
  }
  return false;
}

}  // namespace dns
