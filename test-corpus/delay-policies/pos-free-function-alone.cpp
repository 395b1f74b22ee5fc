// Positive: a delay function with no caller in this program (a library exports it for its
// users). It caps the delay but draws nothing at random, so every client that uses it waits the
// same delays: reported at its return.
#include <algorithm>

namespace telemetry {

int ComputeBackoffMs(int attempt) {
  int delay = 200 << attempt;
  return std::min(delay, 30000);  // expect: retry-backoff-no-jitter says="`telemetry::ComputeBackoffMs` gives 200, 400, 800, 1600, 3200, …, 25600 ms for attempt 0, 1, 2, …"
}

}  // namespace telemetry
