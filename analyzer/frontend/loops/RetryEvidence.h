// Evidence, not shape: a loop that leaves on success and goes round on failure is a retry
// only when it re-attempts the same operation (its inputs do not advance with the loop)
// against something outside the process (not in-process state), and it is not written by
// a macro or waiting for I/O readiness. What supports the reading (a failure classification,
// a wait between attempts, a bound on the attempts, names) is recorded as its evidence.
#pragma once

#include "facts/Facts.h"
#include "frontend/loops/LoopAnatomy.h"

#include <string>

namespace retrylint {

/// Why the loop is not a retry ("walk", "readiness", ...), or "" when nothing says so.
std::string notARetry(const LoopAnatomy &a, clang::ASTContext &ctx);

/// The evidence for `loop` (already described: its attempts and sleeps are known).
RetryEvidence gatherEvidence(const LoopAnatomy &a, const clang::FunctionDecl *fn,
                             const RetryLoop &loop);

/// A test that classifies a failure: a classifier call (IsRetryable, IsUnavailable), an error
/// kind (UNAVAILABLE, EAGAIN) or a macro spelling one.
bool classifiesFailureIn(const clang::Expr *test, const clang::ASTContext &ctx);

/// A name that speaks of retrying: retry, attempt, backoff, tries, reconnect (evidence that
/// raises confidence, never a retry on its own).
bool namesRetry(llvm::StringRef name);

/// `advance` moves a cursor on (cursor.next()), and the loop also starts that cursor over
/// (cursor.reset(), rewind, restart): the alternatives are tried again, a retry of the walk.
bool restartsWalk(const LoopAnatomy &a, const clang::CallExpr *advance);

/// Calls the loop makes to functions with no body in this TU, other than its operations:
/// the link finds whether any of them waits.
std::vector<OpaqueCall> opaqueCalls(const LoopAnatomy &a, clang::ASTContext &ctx);

} // namespace retrylint
