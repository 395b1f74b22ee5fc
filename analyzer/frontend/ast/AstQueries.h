// Small questions asked of the AST by the retry model: a call's name, the variables an
// expression reads, whether a statement calls something. One home for each.
#pragma once

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <string>

namespace retrylint {

/// How deep a recursive walk over statements may go. Code nests deeper only when generated
/// or hostile (a sum of 50,000 terms); a walk that reaches it stops, and what it did not see
/// is unknown (LoopAnatomy, FunctionSummaries, BudgetBalance).
inline constexpr unsigned MaxWalkDepth = 1000;

/// The USR of a declaration (the key facts are joined on across TUs); "" if it has none.
std::string usrOf(const clang::Decl *d);

/// Qualified callee name of a call, also for calls that templates leave unresolved
/// (std::this_thread::sleep_for, Widget::Fetch, usleep). Empty for calls through pointers.
std::string calleeName(const clang::CallExpr *call);

/// The function a call reaches, when it is known and has a body in this TU.
const clang::FunctionDecl *calleeWithBody(const clang::CallExpr *call);

/// What a coroutine statement runs as written: the operand of `co_await x`, `co_yield x` and
/// `co_return x`, the body of a coroutine. The awaiter and promise calls around it are the
/// library's protocol, not the code's calls. Null for `co_return;` and for any statement
/// that is not one of these (isCoroutineStatement).
const clang::Stmt *coroutineSource(const clang::Stmt *s);
bool isCoroutineStatement(const clang::Stmt *s);

/// Visits `root` and its descendants in source order; lambda bodies are skipped because
/// they are separate functions, and a coroutine statement is seen through to its operand
/// (coroutineSource). Return false from `visit` to skip the children.
void forEachDescendant(const clang::Stmt *root, const std::function<bool(const clang::Stmt *)> &visit);

/// The local variables and parameters that `e` reads.
void collectReadVars(const clang::Stmt *e, llvm::SmallPtrSetImpl<const clang::VarDecl *> &out);
/// Whether `e` reads one of `vars` (canonical declarations, as collectReadVars gives them).
bool readsAnyOf(const clang::Stmt *e, const llvm::SmallPtrSetImpl<const clang::VarDecl *> &vars);

/// The variable assigned by `s` (=, op=, ++, --, or a duration's operator*=), and the
/// assigned value (null for ++/--).
const clang::VarDecl *assignedVar(const clang::Stmt *s, const clang::Expr **rhs = nullptr);

/// True when `e` contains a call whose name satisfies `pred`, looking one level into
/// helpers defined in this TU (a same-TU AddJitter(d) counts as its body's calls).
bool callsMatching(const clang::Stmt *e, bool (*pred)(const std::string &), unsigned depth = 2);

/// `e` without parentheses, implicit casts and the temporaries around a class value
/// (ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr).
const clang::Expr *withoutTemporaries(const clang::Expr *e);

/// The object a member call is made on, as written (timer_, self->backoff_), also in
/// templates; null for a call that is not a member call.
const clang::Expr *objectOf(const clang::CallExpr *call);

/// The name a macro gave to `loc`, if `loc` came from a macro (EINTR, RETRY_SLEEP).
std::string macroNameAt(clang::SourceLocation loc, const clang::ASTContext &ctx);

} // namespace retrylint
