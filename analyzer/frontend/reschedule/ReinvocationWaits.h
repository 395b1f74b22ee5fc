// The wait of a re-invocation: what runs the callable later (a timer armed before its
// async_wait, a scheduler's delay argument, a delay object) or a sleep before the call, and the
// delay's shape as the loop model reads it (a constant, a policy the link joins, or unknown).
#pragma once

#include "facts/Facts.h"
#include "frontend/reschedule/ReinvocationPaths.h"

#include "clang/AST/ASTContext.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace retrylint::reschedule {

/// The delay a re-invocation waits, as found on its path.
struct Wait {
  const clang::CallExpr *call = nullptr; // the timer arm, scheduler call or sleep; null: no wait
  const clang::Expr *delay = nullptr;    // null when the wait's delay is not visible
  bool unknownCarrier = false;    // a call the vocabulary does not know runs the callable later
};

/// A call on an object whose class says it waits: delay(cb) on an async_constant_delay, a
/// backoff or retry timer.
bool waitsByClass(const clang::CallExpr *call);

/// Walks the path inward-out: the first carrier that runs the callable later, or a wait run
/// before the call. A callable handed to an unknown call after the failure was seen
/// (`decidedAt`, the step that decided it) runs when that call says: an unseen wait. One that
/// the failed call itself runs on completion (the decision is inside it) adds no wait.
/// A delay object that may count the attempts it waits for (async_exp_delay, a Backoff): not a
/// plain timer.
bool countsAttempts(const clang::CallExpr *call);

std::optional<Wait> waitOn(const std::vector<Step> &path, size_t decidedAt, const clang::ASTContext &ctx);

/// The delay's shape: a policy the link joins, a constant it evaluates, or unknown. Adds the
/// site's sleep.
void describeDelay(const Wait &wait, RetryLoop &site, clang::ASTContext &ctx);

} // namespace retrylint::reschedule
