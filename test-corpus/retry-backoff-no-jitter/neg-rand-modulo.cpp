// Negative: full jitter from the C library, usleep(rand() % ceiling): low-quality randomness, but
// randomness, so the clients spread out.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "resilience/retry_budget.h"

namespace legacy {

class SoapClient {
 public:
  bool Invoke(const std::string& action, const std::string& envelope);
};

bool InvokeWithRetry(SoapClient& soap, resilience::RetryBudget& budget, const std::string& action,
                     const std::string& envelope) {
  const int kMaxAttempts = 4;
  const long kBaseDelayUs = 50000;   // 50 ms
  const long kMaxDelayUs = 800000;   // 800 ms: usleep takes less than one second

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (soap.Invoke(action, envelope)) {
      return true;
    }
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) {
      break;
    }
    const long ceiling_us = std::min(kMaxDelayUs, kBaseDelayUs << attempt);
    usleep(static_cast<useconds_t>(rand() % ceiling_us));
  }
  return false;
}

}  // namespace legacy
