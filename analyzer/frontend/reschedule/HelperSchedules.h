// The helpers that run a method of an object they are handed later, after a wait
// (`RpcRetrier::DelayedRetry(Rpc *rpc, Status s)` schedules rpc->SendRpc() on a reactor after a
// backoff), recorded where they are defined: a re-invocation through one made in another TU is
// closed by the link (HelperSchedule, ScheduledThrough).
#pragma once

#include "facts/Facts.h"

#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace retrylint {

/// Appends, for each function of the TU's user code with a parameter that hands it an object,
/// each method it schedules on that object through a timer or a scheduler, with the wait.
void extractHelperSchedules(clang::ASTContext &ctx, std::vector<HelperSchedule> &out);

} // namespace retrylint
