// The index of an element access, read the same way by every model that asks whether a loop
// or a re-invocation picks a different element each time (a walk, not a retry).
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace retrylint {

/// The index of `a[i]` or of a class's `operator[]`; null for any other statement.
/// (`.at(i)` is left to each caller: they name it differently.)
inline const clang::Expr *subscriptIndex(const clang::Stmt *s) {
  if (const auto *sub = llvm::dyn_cast<clang::ArraySubscriptExpr>(s))
    return sub->getIdx();
  if (const auto *op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s); op && op->getOperator() == clang::OO_Subscript)
    return op->getArg(1);
  return nullptr;
}

} // namespace retrylint
