// Joins the sleeps that take their delay from a delay policy (a function, a strategy's
// virtual method, a backoff member) to the policy's facts, by USR and across TUs: the loop's
// delay shape becomes the policy's, so its messages carry the policy's schedule, and the
// policy is not reported again on its own (docs/architecture.md, "Delay policies").
#pragma once

#include "facts/Facts.h"

#include <vector>

namespace retrylint {

/// Joins every sleep whose delayPolicyUsr resolves to exactly one policy: the policy itself,
/// or the one override of the virtual method it names. Returns each policy once (a header
/// puts it into several TUs), in declaration order, with `consumed` set on the joined ones.
std::vector<const DelayPolicy *> joinDelayPolicies(std::vector<TUFacts> &tus);

} // namespace retrylint
