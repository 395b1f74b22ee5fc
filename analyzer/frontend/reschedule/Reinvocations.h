// Retries with no loop statement: a function whose failure path calls itself again, directly,
// from a catch block, or through a callable it hands to a timer, a scheduler or a continuation
// (`if (ec) { timer_.expires_after(d); timer_.async_wait([this](auto) { reconnect(); }); }`).
// Each such cycle is one retry site, described as a RetryLoop fact at the re-invoking call, so
// the loop rules read it like any retry loop.
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace retrylint {

/// Appends the TU's re-invocation retry sites in user code (system headers skipped), one per
/// re-invoking function, in source order. `regions` receives, for each, the body of its
/// function and its index in `out`: the call-graph pass reads the calls made there as retried.
void extractReinvocations(clang::ASTContext &ctx, std::vector<RetryLoop> &out,
                          llvm::DenseMap<const clang::Stmt *, int> &regions);

} // namespace retrylint
