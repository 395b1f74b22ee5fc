// What must hold for a statement of a function to run, read from the function's control flow
// (not beyond its body): the enclosing if/else branches, the early exits before it in each
// enclosing block (`if (ok) return;` and then the retry), the switch cases that reach it, the
// catch handler around it. Each guard is read like a loop's exit test (OutcomeTests): a retry
// with no loop statement re-invokes under a failure.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

namespace retrylint {

struct PathGuard {
  enum class Kind { Branch, EarlyExit, Case, Catch, ErrorContinuation };
  Kind kind = Kind::Branch;
  const clang::Expr *cond = nullptr; // Branch, EarlyExit: the condition; Case: the switch's
  bool negated = false;              // the else branch, or what follows `if (cond) return;`
  const clang::Stmt *origin = nullptr; // the if, the switch, the catch handler
  std::vector<const clang::Expr *> labels; // Case: the labels that reach the statement
};

/// The variables of a function that hold an outcome: the parameters of a completion handler
/// (a callable handed to an operation), and locals assigned from an attempt or from them.
using OutcomeVars = llvm::SmallPtrSet<const clang::VarDecl *, 8>;
OutcomeVars outcomeVarsOf(const clang::FunctionDecl *fn, bool completionHandler);

/// The guards of `s` in `fn`'s body, innermost first. Empty when `s` is not in the body.
std::vector<PathGuard> guardsOf(const clang::Stmt *s, const clang::FunctionDecl *fn);

/// What a guard says when it holds: that the attempt failed (+1), succeeded (-1), or
/// neither (0). `classifies` is set when it names a kind of failure (IsRetryable(s),
/// UNAVAILABLE, a caught exception type).
int guardSays(const PathGuard &g, const OutcomeVars &outcomes, bool &classifies,
              clang::ASTContext &ctx);

} // namespace retrylint
