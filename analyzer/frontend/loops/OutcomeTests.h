// What a condition says about an attempt: that it succeeded (s.ok(), !err, rc == 0,
// Connect()), that it failed (!s.ok(), err, IsUnavailable(s), rc == -1), or neither
// (attempt < kMax, op->done). Retry loops leave on success and continue on failure; polls,
// consumers and paginators do the opposite, which is how the model tells them apart.
#pragma once

#include "frontend/loops/LoopAnatomy.h"

namespace retrylint {

enum class Outcome { Success, Failure, Unrelated };

/// Settles, once the whole loop is walked, which variables hold an outcome (those assigned
/// from an attempt and tested by an exit or the loop condition) and which calls are the
/// operations the loop retries (their result is tested, or they run in a try block).
/// Calls that only read an outcome (reply.transient(), absl::IsUnavailable(status)) are
/// not attempts.
void findOperations(LoopAnatomy &anatomy);

/// Success for Failure and the reverse: what the negated test says.
Outcome flip(Outcome o);

/// The outcome that `cond` being true implies.
Outcome classifyOutcomeTest(const clang::Expr *cond, const LoopAnatomy &anatomy);

/// The outcome a `case value:` of `switch (subject)` implies, read as `subject == value`
/// (case 0, case errc::ok: success; case errc::timed_out: failure).
Outcome classifyOutcomeCase(const clang::Expr *subject, const clang::Expr *value, const LoopAnatomy &anatomy);

} // namespace retrylint
