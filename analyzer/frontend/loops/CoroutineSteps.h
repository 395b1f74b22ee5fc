// What a coroutine's loop does, read through its machinery. A stackless coroutine (Asio's
// `reenter`/`yield` macros) expands each `yield op(*this);` into a switch and `for (;;)` loops
// that route the resumption; the loop body runs `op` once per pass, and the outcome comes back
// in the parameters the coroutine is resumed with. (C++20 `co_await x` is seen through to `x`
// by forEachDescendant and the loop anatomy.)
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include "llvm/ADT/SmallVector.h"

namespace retrylint {

/// The statement a stackless coroutine's `yield` runs (`socket.async_connect(ep, *this)`),
/// when `s` is the outer `for` of the yield's expansion; null otherwise.
const clang::Stmt *yieldedStatement(const clang::Stmt *s);

/// The parameters the coroutine is resumed with when `call` completes, when its completion
/// handler is the coroutine itself (`*this`, `this`, `std::move(*this)`): the call's outcome
/// (an error code, a byte count). Empty otherwise.
llvm::SmallVector<const clang::ParmVarDecl *, 2> resumedWith(const clang::CallExpr *call);

} // namespace retrylint
