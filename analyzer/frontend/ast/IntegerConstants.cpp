#include "frontend/ast/IntegerConstants.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace retrylint {

std::optional<llvm::APSInt> integerConstant(const Expr *e, const ASTContext &ctx) {
  Expr::EvalResult r;
  if (!e || e->isValueDependent() || !e->getType()->isIntegralOrEnumerationType() ||
      !e->EvaluateAsInt(r, ctx))
    return std::nullopt;
  return r.Val.getInt();
}

std::optional<int64_t> integerConstantValue(const Expr *e, const ASTContext &ctx) {
  if (std::optional<llvm::APSInt> v = integerConstant(e, ctx))
    return v->getExtValue();
  return std::nullopt;
}

} // namespace retrylint
