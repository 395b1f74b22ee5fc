#include "frontend/loops/JitterKinds.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint {
namespace {

/// A random draw and the bounds it draws between.
struct Draw {
  const Expr *call = nullptr;
  const Expr *lo = nullptr, *hi = nullptr;
  bool fromZero = false; // rand() % hi
};

bool isRandomCall(const Stmt *s) {
  const auto *call = dyn_cast<CallExpr>(s);
  return call && Vocabulary::current().is(call, CallRole::RandomSource);
}

bool containsRandom(const Stmt *s) {
  bool found = false;
  forEachDescendant(s, [&](const Stmt *x) {
    found |= isRandomCall(x);
    return !found;
  });
  return found;
}

/// dist(rng) on a distribution built with (lo, hi), absl::Uniform(gen, lo, hi), rand() % hi.
Draw findDraw(const std::vector<const Expr *> &slice) {
  Draw draw;
  for (const Expr *e : slice)
    forEachDescendant(e, [&](const Stmt *s) {
      if (draw.call)
        return false;
      if (const auto *rem = dyn_cast<BinaryOperator>(s); rem && rem->getOpcode() == BO_Rem &&
                                                         containsRandom(rem->getLHS())) {
        draw = {rem, nullptr, rem->getRHS(), true};
        return false;
      }
      const auto *call = dyn_cast<CallExpr>(s);
      if (!call || !isRandomCall(call))
        return true;
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call); op && op->getOperator() == OO_Call) {
        const Expr *object = op->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
        const CXXConstructExpr *ctor = dyn_cast<CXXConstructExpr>(object);
        if (const auto *ref = dyn_cast<DeclRefExpr>(object))
          if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->getInit())
            ctor = dyn_cast<CXXConstructExpr>(var->getInit()->IgnoreImplicit());
        if (ctor && ctor->getNumArgs() >= 2) {
          draw = {call, ctor->getArg(0), ctor->getArg(1), false};
          return false;
        }
      }
      unsigned n = call->getNumArgs();
      if (calleeName(call) == "arc4random_uniform" && n == 1) {
        draw = {call, nullptr, call->getArg(0), true}; // uniform in [0, upper)
        return false;
      }
      if (unqualified(calleeName(call)).rfind("Uniform", 0) == 0 && n >= 3) {
        draw = {call, call->getArg(n - 2), call->getArg(n - 1), false};
        return false;
      }
      draw.call = call; // random, bounds unknown
      return false;
    });
  return draw;
}

/// The draw is one operand of a sum whose other operand is not random: d/2 + uniform(...).
bool addedToFixedPart(const std::vector<const Expr *> &slice) {
  bool added = false;
  for (const Expr *e : slice)
    forEachDescendant(e, [&](const Stmt *s) {
      const Expr *l = nullptr, *r = nullptr;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Add)
        l = bo->getLHS(), r = bo->getRHS();
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s);
          op && op->getOperator() == OO_Plus && op->getNumArgs() == 2)
        l = op->getArg(0), r = op->getArg(1);
      if (l && containsRandom(l) != containsRandom(r))
        added = true;
      return !added;
    });
  return added;
}

/// hi reads a variable that the loop assigns from the draw itself: uniform(base, prev * 3).
bool boundsFollowTheDraw(const Draw &draw, const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 4> read;
  collectReadVars(draw.hi, read);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Assign && e.value && read.count(e.var) && containsRandom(e.value))
      return true;
  return false;
}

} // namespace

JitterKind classifyJitter(const std::vector<const Expr *> &slice, const LoopAnatomy &anatomy,
                          ASTContext &ctx) {
  Draw draw = findDraw(slice);
  if (!draw.call || !draw.hi)
    return JitterKind::Unknown;
  DelayEvaluator eval(ctx);
  std::optional<Quantity> lo = draw.lo ? eval.eval(draw.lo) : Quantity{Quantity::Kind::Number, 0};
  std::optional<Quantity> hi = eval.eval(draw.hi);
  if (lo && hi && lo->kind == Quantity::Kind::Number && hi->kind == Quantity::Kind::Number &&
      hi->value <= 2 && lo->value != 0 && ((lo->value > 0 && lo->value < 1 && hi->value > 1) ||
                                           (lo->value < 0 && hi->value > 0)))
    return JitterKind::Proportional; // d * uniform(0.8, 1.2), d * (1 + uniform(-0.2, 0.2))
  if (lo && lo->value == 0)
    return addedToFixedPart(slice) ? JitterKind::Equal : JitterKind::Full;
  if (boundsFollowTheDraw(draw, anatomy))
    return JitterKind::Decorrelated;
  return JitterKind::Unknown;
}

} // namespace retrylint
