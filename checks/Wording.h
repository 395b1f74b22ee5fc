// How findings put numbers into words, shared by every check so that schedules, counts
// and bounds read the same everywhere.
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retrylint {

/// "100, 200, 400, 800, 1600 ms" (seconds when every delay is 10 s or more; long
/// schedules keep their head and tail: "100, 200, 400, …, 51200 ms").
std::string formatSchedule(const std::vector<double> &delaysMs);

/// "5 attempts", "up to max_attempts attempts", "attempts until a deadline", "unbounded attempts".
std::string formatAttempts(const AttemptBound &bound);

/// A number without a needless fraction: 2, 1.5, 0.1.
std::string formatNumber(double value);

/// One duration in the unit a person would use: 800 ms, 1.6 s, 4.3 min, 14.6 h.
std::string formatDuration(double ms);

/// 1st, 2nd, 3rd, 4th, 11th, 21st.
std::string ordinal(int64_t n);

/// "max_attempts", "max_retries + 1": a symbolic bound as the count it stands for.
std::string symbolicCount(const AttemptBound &bound);

/// "`ExponentialStrategy::DelayBeforeNextRetry`": a delay policy as the messages name it.
std::string policyLabel(const DelayPolicy &p);

/// What a delay policy gives, as far as it is known: "gives 100, 200, 400, … ms for attempt
/// 0, 1, 2, …", "gives 50, 100, …, 5000 ms on successive calls", "grows the delay ×2 per
/// attempt", "gives the same 100 ms every time".
std::string policyDelays(const DelayPolicy &p);

/// How a delay grows, with a leading space: " ×2", " linearly", " exponentially", or
/// " linearly or exponentially" when a branch taken at run time picks the growth.
std::string growthManner(const DelayShape &shape);

/// How a retry with no loop statement re-runs its function: "re-invokes `Command::send` on
/// failure with no delay", "re-schedules `Session::reconnect` on failure after a constant
/// 500 ms", "... after `Backoff::next`", "... through `run_after`" (a delay not evaluated).
std::string reinvocation(const RetryLoop &site);

/// "5 calls", "max_attempts calls", "unbounded calls": what one failed request costs.
std::string callsPerRequest(const AttemptBound &bound);

} // namespace retrylint
