#include "frontend/loops/DelayShape.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/ExprCXX.h"

#include <algorithm>
#include <cmath>
#include <functional>

using namespace clang;

namespace retrylint {
namespace {

/// delay * 2, delay << 1, delay + delay, also inside std::min/max/clamp and conversions:
/// the variable grows by a factor. A call of anything else (delay = next(delay)) hides how.
bool multipliesItself(const Expr *value, const VarDecl *var) {
  bool found = false;
  std::function<void(const Stmt *)> visit = [&](const Stmt *s) {
    if (!s || found)
      return;
    const Expr *l = nullptr, *r = nullptr;
    bool product = false;
    if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
      l = bo->getLHS(), r = bo->getRHS();
      product = bo->getOpcode() == BO_Mul || bo->getOpcode() == BO_Shl;
      if (bo->getOpcode() == BO_Add) {
        llvm::SmallPtrSet<const VarDecl *, 4> lv, rv;
        collectReadVars(l, lv);
        collectReadVars(r, rv);
        found |= lv.count(var) && rv.count(var);
      }
    } else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() == 2) {
      l = op->getArg(0), r = op->getArg(1);
      product = op->getOperator() == OO_Star || op->getOperator() == OO_LessLess;
      if (op->getOperator() == OO_Plus) {
        llvm::SmallPtrSet<const VarDecl *, 4> lv, rv;
        collectReadVars(l, lv);
        collectReadVars(r, rv);
        found |= lv.count(var) && rv.count(var);
      }
    } else if (const auto *call = dyn_cast<CallExpr>(s)) {
      std::string name = unqualified(calleeName(call));
      if (name != "min" && name != "max" && name != "clamp" && name != "duration_cast" &&
          name != "fmin" && name != "fmax")
        return; // an opaque function of the delay
    }
    if (product) {
      llvm::SmallPtrSet<const VarDecl *, 4> reads;
      collectReadVars(l, reads);
      collectReadVars(r, reads);
      found |= reads.count(var) > 0;
    }
    for (const Stmt *child : s->children())
      visit(child);
  };
  visit(value);
  return found;
}

} // namespace

/// The expressions that feed a sleep's delay: the argument, then the definitions of the
/// variables it reads, transitively.
std::vector<const Expr *> delaySlice(const LoopAnatomy &a, const Expr *delay) {
  std::vector<const Expr *> slice{delay};
  llvm::SmallPtrSet<const VarDecl *, 16> seen;
  for (size_t i = 0; i < slice.size(); ++i) {
    llvm::SmallPtrSet<const VarDecl *, 8> reads;
    collectReadVars(slice[i], reads);
    for (const VarDecl *var : reads) {
      if (!seen.insert(var).second)
        continue;
      if (const VarDecl *def = var->getDefinition())
        if (const Expr *init = def->getInit(); init && var->isLocalVarDecl())
          slice.push_back(init);
      for (const auto *list : {&a.events, &a.incEvents})
        for (const LoopEvent &e : *list)
          if (e.kind == LoopEvent::Kind::Assign && e.var == var && e.value)
            slice.push_back(e.value);
    }
  }
  return slice;
}

/// Where the delay grows: a self-update (delay *= 2, delay = min(delay * 2, cap)), else a
/// shift or power in the delay's expressions, else a product with a counter (linear).
const Stmt *growthSite(const LoopAnatomy &a, const std::vector<const Expr *> &slice,
                       GrowthKind &kind) {
  llvm::SmallPtrSet<const VarDecl *, 8> sliceVars;
  for (const Expr *e : slice)
    collectReadVars(e, sliceVars);
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Assign || !sliceVars.count(e.var) || !e.member.empty())
      continue;
    // delay *= kFactor, with kFactor from a header that is missing: how it changes is unknown.
    if (const auto *x = dyn_cast<Expr>(e.stmt); x && x->containsErrors()) {
      kind = GrowthKind::Unknown;
      return e.stmt;
    }
    llvm::SmallPtrSet<const VarDecl *, 4> rhsVars;
    collectReadVars(e.value, rhsVars);
    bool readsItself = rhsVars.count(e.var) > 0;
    bool grows = false, addsConstant = false;
    if (const auto *bo = dyn_cast<BinaryOperator>(e.stmt)) {
      grows = bo->getOpcode() == BO_MulAssign || bo->getOpcode() == BO_ShlAssign ||
              (bo->getOpcode() == BO_AddAssign && readsItself) ||
              (bo->getOpcode() == BO_Assign && multipliesItself(e.value, e.var));
      addsConstant = bo->getOpcode() == BO_AddAssign && !readsItself;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e.stmt)) {
      grows = op->getOperator() == OO_StarEqual ||
              (op->getOperator() == OO_PlusEqual && readsItself) ||
              (op->getOperator() == OO_Equal && multipliesItself(e.value, e.var));
      addsConstant = op->getOperator() == OO_PlusEqual && !readsItself;
    }
    if (const auto *ds = dyn_cast<DeclStmt>(e.stmt); ds && multipliesItself(e.value, e.var))
      grows = true;
    if (grows || addsConstant) {
      kind = grows ? GrowthKind::Exponential : GrowthKind::Linear;
      return e.stmt;
    }
  }
  llvm::SmallPtrSet<const VarDecl *, 8> changed;
  for (const auto *list : {&a.events, &a.incEvents, &a.condEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Assign)
        changed.insert(e.var);
  const Stmt *site = nullptr;
  for (const Expr *e : slice)
    forEachDescendant(e, [&](const Stmt *s) {
      if (site)
        return false;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Shl) {
        site = s;
        kind = GrowthKind::Exponential;
      }
      if (const auto *call = dyn_cast<CallExpr>(s)) {
        std::string name = unqualified(calleeName(call));
        if (name == "pow" || name == "exp2" || name == "ldexp" || name == "powf") {
          site = s;
          kind = GrowthKind::Exponential;
        }
      }
      return !site;
    });
  return site;
}

/// if (delay > kMax) delay = kMax: an assignment to a delay variable under a comparison
/// of that same variable.
bool guardedByItsOwnBound(const LoopAnatomy &a, const std::vector<const Expr *> &slice) {
  llvm::SmallPtrSet<const VarDecl *, 8> sliceVars;
  for (const Expr *e : slice)
    collectReadVars(e, sliceVars);
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Assign || !sliceVars.count(e.var))
      continue;
    for (const Guard &g : e.guards) {
      bool compares = false;
      forEachDescendant(g.cond, [&](const Stmt *s) {
        const Expr *l = nullptr, *r = nullptr;
        if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isRelationalOp())
          l = bo->getLHS(), r = bo->getRHS();
        if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s);
            op && op->getNumArgs() == 2 &&
            (op->getOperator() == OO_Greater || op->getOperator() == OO_GreaterEqual ||
             op->getOperator() == OO_Less || op->getOperator() == OO_LessEqual))
          l = op->getArg(0), r = op->getArg(1);
        if (l) {
          llvm::SmallPtrSet<const VarDecl *, 4> reads;
          collectReadVars(l, reads);
          collectReadVars(r, reads);
          compares |= reads.count(e.var) > 0;
        }
        return !compares;
      });
      if (compares)
        return true;
    }
  }
  return false;
}

/// 1 << attempt where attempt can reach the width of the shifted type.
bool shiftCanOverflow(const Stmt *site, const AttemptBound &attempts, const ASTContext &ctx) {
  const auto *shl = dyn_cast_or_null<BinaryOperator>(site);
  if (!shl || shl->getOpcode() != BO_Shl || shl->getLHS()->getType()->isDependentType())
    return false;
  QualType t = shl->getLHS()->getType();
  unsigned width = ctx.getTypeSize(t) - (t->isSignedIntegerType() ? 1 : 0);
  if (attempts.kind == AttemptBound::Kind::Constant)
    return attempts.count - 1 >= static_cast<int64_t>(width);
  // A symbolic bound (max_attempts) is whatever callers pass: usually small, so the shift
  // is not reported until the fan-out link resolves it. A loop with no bound overflows.
  return attempts.kind == AttemptBound::Kind::Unbounded || attempts.kind == AttemptBound::Kind::Deadline ||
         attempts.kind == AttemptBound::Kind::UntilStopped || attempts.effectivelyUnbounded;
}

/// Growth of an evaluated schedule: constant ratio, constant step, flat, or unknown.
/// A plateau after growth is the cap.
void classifySchedule(const std::vector<double> &v, DelayShape &shape) {
  size_t grow = 0;
  while (grow + 1 < v.size() && v[grow + 1] > v[grow])
    ++grow;
  bool plateau = grow > 0 && grow + 1 < v.size() &&
                 std::all_of(v.begin() + grow, v.end(), [&](double x) { return x == v[grow]; });
  if (grow == 0) {
    bool flat = std::all_of(v.begin(), v.end(), [&](double x) { return x == v[0]; });
    shape.growth = flat ? GrowthKind::Constant : GrowthKind::Unknown;
    return;
  }
  if (grow + 1 < v.size() && !plateau) {
    shape.growth = GrowthKind::Unknown;
    return;
  }
  shape.capped |= plateau;
  double ratio = v[1] / v[0], step = v[1] - v[0];
  bool geometric = v[0] > 0, arithmetic = true;
  // Under a cap (a plateau, or a std::min in the delay), the last step of growth ends at
  // the cap and may be cut short.
  size_t regular = grow;
  if (grow > 1 && (plateau || shape.capped) && v[grow] / v[grow - 1] < ratio)
    regular = grow - 1;
  for (size_t i = 1; i <= regular; ++i) {
    geometric &= std::fabs(v[i] / v[i - 1] - ratio) < 1e-9 * ratio;
    arithmetic &= std::fabs(v[i] - v[i - 1] - step) < 1e-9 * std::max(1.0, step);
  }
  if (grow == 1) {
    shape.growth = GrowthKind::Unknown; // two delays fit both shapes: the code decides
    shape.multiplier = ratio;
  } else if (geometric) {
    shape.growth = GrowthKind::Exponential;
    shape.multiplier = ratio;
  } else {
    shape.growth = arithmetic ? GrowthKind::Linear : GrowthKind::Unknown;
  }
}

std::optional<FixIt> fullJitterFix(const LoopEvent &sleep, const ASTContext &ctx) {
  if (sleep.sleepHelper || !sleep.delay)
    return std::nullopt;
  std::string text = sourceText(sleep.delay->getSourceRange(), ctx);
  if (text.empty())
    return std::nullopt;
  const char *prefix =
      "[](auto d) { thread_local std::mt19937_64 rng{std::random_device{}()}; return ";
  std::string draw;
  if (sleep.sleepInfo.unit == DelayUnit::Duration &&
      DelayEvaluator::durationPeriodMs(sleep.delay->getType()))
    draw = "decltype(d)(std::uniform_int_distribution<long long>(0, d.count())(rng)); }";
  else if (sleep.sleepInfo.unit == DelayUnit::Microseconds ||
           sleep.sleepInfo.unit == DelayUnit::Seconds ||
           sleep.sleepInfo.unit == DelayUnit::Milliseconds)
    draw = "static_cast<decltype(d)>(std::uniform_int_distribution<long long>(0, d)(rng)); }";
  else
    return std::nullopt;
  return FixIt{makeSpan(sleep.delay->getSourceRange(), ctx),
               std::string(prefix) + draw + "(" + text + ")",
               "sleep uniform(0, delay): full jitter (needs <random>)"};
}

} // namespace retrylint
