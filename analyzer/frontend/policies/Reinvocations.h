// Retries with no loop statement: a function that, under a failure, re-invokes itself —
// directly (recursion), through a timer or a delayed schedule, a post, a continuation, or the
// completion handler of the operation it retries — and calls of a project's retry scheduler
// (DelayedRetry(rpc), schedule_for_retry(cmd, d)). Each is described as a RetryLoop whose
// `loop` span is the re-invocation (the timer's wait or the schedule call, the post, the
// continuation, the recursive call) and whose shape says which, so every loop rule and the
// fan-out apply unchanged (docs/architecture.md, "Retries without a loop").
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace retrylint {

/// Appends the TU's re-invocation retries to `out`. `loopIndex` receives, for the body of each
/// function on a retry's cycle, the retry's index in `out` (unless the body already has one),
/// so that the call graph marks the calls it retries.
void extractReinvocations(clang::ASTContext &ctx, std::vector<RetryLoop> &out,
                          llvm::DenseMap<const clang::Stmt *, int> &loopIndex);

} // namespace retrylint
