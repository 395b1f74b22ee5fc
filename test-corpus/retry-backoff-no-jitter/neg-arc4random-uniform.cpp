// Negative: full jitter from arc4random_uniform (BSD, and glibc since 2.36; declared here for
// older glibc), slept with usleep.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "resilience/retry_budget.h"

#if defined(__GLIBC__) && (__GLIBC__ < 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ < 36))
extern "C" uint32_t arc4random_uniform(uint32_t upper_bound);
#endif

namespace vpn {

class TunnelController {
 public:
  bool Establish(const std::string& peer);
};

bool EstablishTunnel(TunnelController& controller, resilience::RetryBudget& budget,
                     const std::string& peer) {
  const int kMaxAttempts = 5;
  const uint32_t kBaseUs = 100000;  // 100 ms
  const uint32_t kCapUs = 900000;   // 900 ms: usleep takes less than one second

  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!budget.TryRetry()) {
        return false;
      }
      const uint32_t ceiling_us = std::min(kCapUs, kBaseUs << (attempt - 1));
      usleep(arc4random_uniform(ceiling_us + 1));
    }
    if (controller.Establish(peer)) {
      return true;
    }
  }
  return false;
}

}  // namespace vpn
