// How findings put numbers into words, shared by every check so that schedules, counts
// and bounds read the same everywhere.
#pragma once

#include "Facts.h"

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

} // namespace retrylint
