// Negative: the sleep is guarded by if (attempt + 1 < kMaxAttempts), so the last failed attempt
// returns at once.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace dns {

class RegistrarClient {
 public:
  bool UpdateContacts(const std::string& domain, const std::string& admin_email);
};

bool UpdateDomainContacts(RegistrarClient& registrar, resilience::RetryBudget& budget,
                          const std::string& domain, const std::string& admin_email) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(3200);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(400);

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (registrar.UpdateContacts(domain, admin_email)) {
      return true;
    }
    if (attempt + 1 < kMaxAttempts) {
      if (!budget.TryRetry()) {
        return false;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
  }
  return false;
}

}  // namespace dns
