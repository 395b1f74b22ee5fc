// Negative: the delay doubles and an if caps it (if (delay > kMaxDelay) delay = kMaxDelay), with
// absl::Duration and an absl::Now() deadline; every wait is jittered and at most 2 s.
#include <cstdint>
#include <string>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "resilience/retry_budget.h"

namespace docs {

class SpellcheckClient {
 public:
  absl::Status Warmup(const std::string& locale);
};

absl::Status WarmupLocale(SpellcheckClient& spellcheck, resilience::RetryBudget& budget,
                          const std::string& locale, absl::Duration timeout) {
  const absl::Duration kMaxDelay = absl::Seconds(2);
  const absl::Time deadline = absl::Now() + timeout;
  absl::BitGen gen;
  absl::Duration delay = absl::Milliseconds(25);

  budget.OnRequest();
  absl::Status status = spellcheck.Warmup(locale);
  while (!status.ok() && absl::Now() + delay < deadline) {
    if (!absl::IsUnavailable(status) || !budget.TryRetry()) {
      break;
    }
    const int64_t ceiling_ms = absl::ToInt64Milliseconds(delay);
    absl::SleepFor(absl::Milliseconds(
        absl::Uniform<int64_t>(absl::IntervalClosedClosed, gen, 0, ceiling_ms)));
    delay *= 2;
    if (delay > kMaxDelay) {
      delay = kMaxDelay;
    }
    status = spellcheck.Warmup(locale);
  }
  return status;
}

}  // namespace docs
