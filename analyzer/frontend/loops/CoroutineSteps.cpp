#include "frontend/loops/CoroutineSteps.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint {
namespace {

/// `_coro_value = (n)`: the store of the resume point that opens a yield. The variable is
/// the `coroutine_ref` that `reenter` declares in its switch.
bool storesResumePoint(const Stmt *init) {
  const Expr *target = nullptr;
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(init); op && op->getOperator() == OO_Equal)
    target = op->getArg(0);
  else if (const auto *bo = dyn_cast_or_null<BinaryOperator>(init); bo && bo->getOpcode() == BO_Assign)
    target = bo->getLHS();
  const auto *ref = target ? dyn_cast<DeclRefExpr>(target->IgnoreParenImpCasts()) : nullptr;
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  const CXXRecordDecl *type = var ? var->getType()->getAsCXXRecordDecl() : nullptr;
  return type && type->getName() == "coroutine_ref";
}

/// `*this`, `this` or `std::move(*this)`: the coroutine object itself.
bool isTheCoroutine(const Expr *arg) {
  const Expr *e = withoutTemporaries(arg);
  if (const auto *call = dyn_cast<CallExpr>(e); call && call->getNumArgs() == 1 &&
                                                 unqualified(calleeName(call)) == "move")
    e = withoutTemporaries(call->getArg(0));
  if (const auto *construct = dyn_cast<CXXConstructExpr>(e); construct && construct->getNumArgs() == 1)
    e = withoutTemporaries(construct->getArg(0)); // a copy of *this as the handler
  if (const auto *deref = dyn_cast<UnaryOperator>(e); deref && deref->getOpcode() == UO_Deref)
    e = deref->getSubExpr()->IgnoreParenImpCasts();
  return isa<CXXThisExpr>(e);
}

} // namespace

const Stmt *yieldedStatement(const Stmt *s) {
  const auto *loop = dyn_cast<ForStmt>(s);
  if (!loop || !loop->getBeginLoc().isMacroID() || !storesResumePoint(loop->getInit()))
    return nullptr;
  // The expansion routes every entry to `case 0:`, whose statement is the one written after
  // the macro.
  const Stmt *yielded = nullptr;
  forEachDescendant(loop->getBody(), [&](const Stmt *d) {
    if (const auto *c = dyn_cast<CaseStmt>(d))
      if (const auto *value = dyn_cast<IntegerLiteral>(c->getLHS()->IgnoreParenImpCasts());
          value && value->getValue() == 0)
        yielded = c->getSubStmt();
    return !yielded;
  });
  return yielded;
}

llvm::SmallVector<const ParmVarDecl *, 2> resumedWith(const CallExpr *call) {
  llvm::SmallVector<const ParmVarDecl *, 2> params;
  for (const Expr *arg : call->arguments()) {
    if (!isTheCoroutine(arg))
      continue;
    QualType self = withoutTemporaries(arg)->getType();
    if (self->isPointerType())
      self = self->getPointeeType();
    const CXXRecordDecl *record = self->getAsCXXRecordDecl();
    if (!record || !record->hasDefinition())
      return params;
    for (const CXXMethodDecl *method : record->methods())
      if (method->getOverloadedOperator() == OO_Call && method->getNumParams() > 0) {
        params.append(method->param_begin(), method->param_end());
        return params;
      }
  }
  return params;
}

} // namespace retrylint
