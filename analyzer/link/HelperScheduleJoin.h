// Closes the re-invocations made through a helper defined in another TU (ScheduledThrough):
// the site stands when the helper's facts say it schedules one of the cycle's methods on the
// parameter the object went in, and waits and is bounded as the helper does.
#pragma once

#include "facts/Facts.h"

#include <vector>

namespace retrylint {

/// Gives each site through a helper the helper's wait and bound, and removes the sites whose
/// helper schedules none of their methods (or is defined in no TU of the run); the call edges
/// that pointed at a removed site point at none.
void joinHelperSchedules(std::vector<TUFacts> &tus);

} // namespace retrylint
