#include "frontend/budgets/BalanceReads.h"

#include "frontend/budgets/BudgetBalance.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace retrylint {

const ValueDecl *balanceNamed(const Expr *e) {
  e = strip(e);
  if (const auto *member = dyn_cast_or_null<MemberExpr>(e))
    if (const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl());
        field && canHoldBalance(field))
      return field;
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl());
        var && var->hasGlobalStorage() && canHoldBalance(var))
      return var->getCanonicalDecl();
  return nullptr;
}

BalanceReads::BalanceReads(const Stmt *body) {
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *ds = dyn_cast<DeclStmt>(s))
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
          values[var->getCanonicalDecl()].push_back({var->getInit(), s});
          if (const ValueDecl *b = balanceRead(var->getInit()))
            aliases[var->getCanonicalDecl()] = b;
        }
    const Expr *rhs = nullptr;
    if (const VarDecl *var = assignedVar(s, &rhs); var && rhs)
      values[var].push_back({rhs, s});
    if (const auto *call = dyn_cast<CXXMemberCallExpr>(s))
      if (Vocabulary::current().is(call, CallRole::CompareExchange) && call->getNumArgs() >= 2)
        if (const ValueDecl *b = balanceNamed(call->getImplicitObjectArgument()))
          if (const auto *ref = dyn_cast<DeclRefExpr>(strip(call->getArg(0))))
            if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
              aliases[var->getCanonicalDecl()] = b;
    return true;
  });
}

const ValueDecl *BalanceReads::balanceRead(const Expr *e) const {
  e = strip(e);
  if (const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *m = call->getMethodDecl();
    if (m && (methodName(m) == "load" || isa<CXXConversionDecl>(m)))
      return balanceNamed(call->getImplicitObjectArgument());
    return nullptr;
  }
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
      auto it = aliases.find(var->getCanonicalDecl());
      if (it != aliases.end())
        return it->second;
    }
  return balanceNamed(e);
}

Delta BalanceReads::deltaOf(const Expr *e) const {
  e = strip(e);
  const auto *bo = dyn_cast_or_null<BinaryOperator>(e);
  if (!bo || (bo->getOpcode() != BO_Add && bo->getOpcode() != BO_Sub))
    return {};
  int sign = bo->getOpcode() == BO_Add ? 1 : -1;
  if (const ValueDecl *b = balanceRead(bo->getLHS()))
    return {b, sign, bo->getRHS()};
  if (sign > 0)
    if (const ValueDecl *b = balanceRead(bo->getRHS()))
      return {b, sign, bo->getLHS()};
  return {};
}

const BalanceReads::Assignments &BalanceReads::valuesOf(const VarDecl *var) const {
  static const Assignments none;
  auto it = values.find(var->getCanonicalDecl());
  return it == values.end() ? none : it->second;
}

} // namespace retrylint
