// How a function reads a budget's balance: by name, through load() or a conversion, or
// through a local copy (auto cur = tokens_.load(); the expected value of a compare-exchange).
// Internal to the balance scan (BudgetBalance.cpp).
#pragma once

#include "frontend/ast/AstQueries.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <utility>
#include <vector>

namespace retrylint {

inline const clang::Expr *strip(const clang::Expr *e) {
  return e ? e->IgnoreUnlessSpelledInSource() : nullptr;
}

inline std::string methodName(const clang::FunctionDecl *fd) {
  return fd ? fd->getNameAsString() : "";
}

/// A balance written or read by name: a member, or a namespace-scope or static variable.
const clang::ValueDecl *balanceNamed(const clang::Expr *e);

/// balance + amount, amount + balance, or balance - amount.
struct Delta {
  const clang::ValueDecl *balance = nullptr;
  int sign = 0;
  const clang::Expr *amount = nullptr;
};

class BalanceReads {
public:
  using Assignments = std::vector<std::pair<const clang::Expr *, const clang::Stmt *>>;

  /// Finds the locals of `body` that copy a balance, and the values stored into each local.
  explicit BalanceReads(const clang::Stmt *body);

  /// The balance `e` reads, or null.
  const clang::ValueDecl *balanceRead(const clang::Expr *e) const;
  Delta deltaOf(const clang::Expr *e) const;
  /// A local that holds a copy of a balance.
  bool isAlias(const clang::VarDecl *var) const { return aliases.count(var->getCanonicalDecl()); }
  /// The values stored into a local (its initialiser and assignments), with the statement.
  const Assignments &valuesOf(const clang::VarDecl *var) const;

  /// Calls `visit(balance, other side, balance-on-the-left operator)` for each comparison of
  /// a balance (or, with `deltas`, of balance + amount) in `e`.
  template <typename Visit> void comparisons(const clang::Expr *e, bool deltas, Visit visit) const {
    using namespace clang;
    forEachDescendant(e, [&](const Stmt *s) {
      const Expr *l = nullptr, *r = nullptr;
      BinaryOperatorKind op = BO_LT;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isRelationalOp()) {
        l = bo->getLHS(), r = bo->getRHS(), op = bo->getOpcode();
      } else if (const auto *call = dyn_cast<CXXOperatorCallExpr>(s);
                 call && call->getNumArgs() == 2) {
        switch (call->getOperator()) {
        case OO_Less: op = BO_LT; break;
        case OO_LessEqual: op = BO_LE; break;
        case OO_Greater: op = BO_GT; break;
        case OO_GreaterEqual: op = BO_GE; break;
        default: return true;
        }
        l = call->getArg(0), r = call->getArg(1);
      } else {
        return true;
      }
      BinaryOperatorKind reversed = BinaryOperator::reverseComparisonOp(op);
      if (const ValueDecl *b = balanceRead(l))
        visit(b, r, op);
      else if (const ValueDecl *b = balanceRead(r))
        visit(b, l, reversed);
      else if (Delta d = deltaOf(l); deltas && d.balance)
        visit(d.balance, r, op);
      else if (Delta d = deltaOf(r); deltas && d.balance)
        visit(d.balance, l, reversed);
      return true;
    });
  }

private:
  llvm::DenseMap<const clang::VarDecl *, const clang::ValueDecl *> aliases;
  llvm::DenseMap<const clang::VarDecl *, Assignments> values;
};

} // namespace retrylint
