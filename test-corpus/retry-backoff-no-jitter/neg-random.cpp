// Negative: jitter from POSIX random(): a quarter of the capped exponential delay plus a random
// share of the rest, in integer milliseconds slept via nanosleep.
#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "resilience/retry_budget.h"

namespace nfs {

struct MountHandle;
MountHandle* TryMount(const char* server, const char* export_path);  // nullptr on failure

MountHandle* MountWithRetry(resilience::RetryBudget& budget, const char* server,
                            const char* export_path) {
  const int kMaxAttempts = 5;
  const long kBaseMs = 100;
  const long kCapMs = 10000;

  budget.OnRequest();
  MountHandle* handle = TryMount(server, export_path);
  for (int attempt = 1; attempt < kMaxAttempts && handle == nullptr; ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    const long ceiling_ms = std::min(kCapMs, kBaseMs << attempt);
    const long delay_ms = ceiling_ms / 4 + random() % (ceiling_ms - ceiling_ms / 4 + 1);
    timespec ts;
    ts.tv_sec = delay_ms / 1000;
    ts.tv_nsec = (delay_ms % 1000) * 1000000L;
    nanosleep(&ts, nullptr);
    handle = TryMount(server, export_path);
  }
  return handle;
}

}  // namespace nfs
