// What ends a retry loop when the failure simulation could not count its attempts: an
// attempt counter compared with a bound (a field, a parameter, a copy of a configured
// maximum), a deadline, a stop condition, or nothing. A bound is a bound only when it is
// compared with the loop's attempt counter or a clock: an enum constant or an error code in
// an exit test bounds nothing.
#pragma once

#include "facts/Facts.h"
#include "frontend/loops/LoopAnatomy.h"

#include "llvm/ADT/SmallPtrSet.h"

namespace retrylint {

/// Variables that count iterations: every change in the loop is ++, --, += k or -= k by a
/// constant (or v = v ± k) on an integer.
llvm::SmallPtrSet<const clang::VarDecl *, 8> attemptCounters(const LoopAnatomy &a,
                                                          const clang::ASTContext &ctx);

/// The structural bound of a loop the simulation could not finish.
AttemptBound structuralBound(const LoopAnatomy &a, clang::ASTContext &ctx);

/// A symbolic bound whose default is INT_MAX, SIZE_MAX or numeric_limits::max(): marks
/// `bound` effectively unbounded, with the default as written. `limit` is the expression
/// the counter is compared with.
void checkEffectivelyUnbounded(const clang::Expr *limit, AttemptBound &bound,
                               clang::ASTContext &ctx);

/// The stop condition a test reads (a lifecycle call, or a flag named like stop_, running_,
/// shutdown_), or "".
std::string stopConditionIn(const clang::Expr *test);

/// Tests that read a clock, a deadline or a timeout helper (deadline.Expired(), TimedOut()).
bool testsDeadline(const clang::Expr *test, const LoopAnatomy &a);

/// A name that speaks of a deadline: expired, timed_out, deadline, time_left, remaining_ms, ...
/// (remaining or elapsed alone is not one: it may count bytes).
bool namesDeadline(llvm::StringRef name);

} // namespace retrylint
