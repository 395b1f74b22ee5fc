// How many times a retry loop runs what it retries, as a layer of a fan-out chain.
#pragma once

#include "link/Fanout.h"

namespace retrylint {

/// The multiplier of a retry loop's attempts, resolving a helper's attempts parameter from
/// the arguments of `viaCall`, the call that passed the callable (null for a loop's own call).
Multiplier attemptsOf(const RetryLoop &loop, const CallEdge *viaCall);

/// The multiplier of a library's own retries (a time-bounded policy stays symbolic).
Multiplier attemptsOf(const LibraryLayer &layer);

} // namespace retrylint
