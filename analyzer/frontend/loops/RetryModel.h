// The retry model: recognises retry loops in a TU's own code (not system headers) and
// describes each as a RetryLoop fact.
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace retrylint {

/// of the built-in names (TryRetry, CanRetry, ...).
/// `loopIndex` receives, for each retry loop found, its index in `out`: the call-graph
/// pass uses it to tell which calls are retried.
void extractRetryLoops(clang::ASTContext &ctx, std::vector<RetryLoop> &out,
                       llvm::DenseMap<const clang::Stmt *, int> &loopIndex);

} // namespace retrylint
