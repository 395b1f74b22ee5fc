// Runs a delay policy's body abstractly: binds its parameters, follows its statements (locals,
// assignments, if, switch, return) with the DelayEvaluator, and keeps the members it updates,
// so that a policy called N times gives the delays of N retries. Loops, and branches on values
// it cannot evaluate, make the result unknown: the interpreter never guesses a path.
#pragma once

#include "frontend/ast/DelayEvaluator.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

#include <map>
#include <optional>

namespace retrylint {

class PolicyInterpreter {
public:
  explicit PolicyInterpreter(clang::ASTContext &ctx) : eval(ctx), ctx(ctx) {}

  /// The evaluator: its `fields` are the members a call updates, kept between calls.
  DelayEvaluator eval;

  /// Runs `body` (a function's or a lambda's) with `args` bound to parameters of `fn`; the
  /// value it returns, or nullopt when unknown.
  std::optional<Quantity> call(const clang::FunctionDecl *fn,
                               const std::map<const clang::ParmVarDecl *, Quantity> &args);

  /// Evaluates `e` after applying the side effects inside it (x++, ++x, x = v, x *= v and
  /// std::exchange(x, v) on locals and on members of `this`).
  std::optional<Quantity> evalWithEffects(const clang::Expr *e);

  /// Runs one statement for its effects only (a growth statement of a backoff member).
  bool runStatement(const clang::Stmt *s);

private:
  enum class Flow { Next, Break, Return, Unknown };
  Flow run(const clang::Stmt *s);
  Flow runSwitch(const clang::SwitchStmt *sw);
  /// Applies one assignment-like expression; false when it is not one.
  bool apply(const clang::Expr *e);
  void store(const clang::Expr *target, std::optional<Quantity> value);

  clang::ASTContext &ctx;
  std::optional<Quantity> result;
  unsigned steps = 0;
};

} // namespace retrylint
