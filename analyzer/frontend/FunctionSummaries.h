// The call-graph pass: one FunctionSummary per function of user code, with each call and
// the retry loop (if any) whose retried region makes it.
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace retrylint {

void extractFunctionSummaries(clang::ASTContext &ctx,
                              const llvm::DenseMap<const clang::Stmt *, int> &retryLoopIndex,
                              const std::vector<RetryLoop> &retryLoops,
                              std::vector<FunctionSummary> &out);

} // namespace retrylint
