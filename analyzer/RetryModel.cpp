#include "RetryModel.h"

#include "AstQueries.h"
#include "DelayEvaluator.h"
#include "FailureSimulation.h"
#include "LoopAnatomy.h"
#include "SourceSpans.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

#include <algorithm>
#include <cmath>

using namespace clang;

namespace retrylint {
namespace {

std::string usrOf(const Decl *d) {
  llvm::SmallString<128> usr;
  if (index::generateUSRForDecl(d, usr))
    return {};
  return std::string(usr);
}

/// An exit that leaves because the attempt succeeded, or a condition that loops while it
/// fails: what separates a retry from a loop that merely calls something.
bool leavesOnSuccess(const LoopAnatomy &a) {
  if (testsOutcome(a.cond, a))
    return true;
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Exit || isa<CXXThrowExpr>(e.stmt) || e.inCatch)
      continue;
    if (e.inTry)
      return true; // try { return Call(); } catch (...) { back off }
    for (const Guard &g : e.guards)
      if (testsOutcome(g.cond, a))
        return true;
  }
  return false;
}

bool attemptsSomething(const LoopAnatomy &a) {
  auto attempt = [](const LoopEvent &e) { return e.kind == LoopEvent::Kind::Call && e.isAttempt; };
  return std::any_of(a.events.begin(), a.events.end(), attempt) ||
         std::any_of(a.condEvents.begin(), a.condEvents.end(), attempt);
}

/// Variables the loop changes: counters, delays, outcomes.
llvm::SmallPtrSet<const VarDecl *, 8> changedVars(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> vars;
  for (const auto *list : {&a.events, &a.condEvents, &a.incEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Assign)
        vars.insert(e.var);
  return vars;
}

/// status = Send(); while (!status.ok() && ...) { ...; status = Send(); }: the first
/// attempt runs before the loop, and the user counts it.
bool attemptsBeforeLoop(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> tested;
  collectReadVars(a.cond, tested);
  for (const VarDecl *var : tested) {
    if (!a.outcomeVars.count(var))
      continue;
    bool attempted = false;
    forEachDescendant(var->getInit(), [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s))
        attempted |= isAttemptCall(call);
      return !attempted;
    });
    if (attempted)
      return true;
  }
  return false;
}

/// For loops the failure simulation cannot finish: a symbolic bound, a deadline, or none.
AttemptBound structuralBound(const LoopAnatomy &a) {
  std::vector<const Expr *> tests{a.cond};
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Exit)
      for (const Guard &g : e.guards)
        tests.push_back(g.cond);
  auto changed = changedVars(a);
  AttemptBound bound;
  bound.kind = AttemptBound::Kind::Unbounded;
  for (const Expr *test : tests) {
    if (!test)
      continue;
    if (callsMatching(test, isClockRead, 0))
      bound.kind = AttemptBound::Kind::Deadline;
    forEachDescendant(test, [&](const Stmt *s) {
      const auto *cmp = dyn_cast<BinaryOperator>(s);
      if (!cmp || !cmp->isComparisonOp() || bound.kind == AttemptBound::Kind::Symbolic)
        return true;
      llvm::SmallPtrSet<const VarDecl *, 4> lhs, rhs;
      collectReadVars(cmp->getLHS(), lhs);
      collectReadVars(cmp->getRHS(), rhs);
      auto counts = [&](const llvm::SmallPtrSet<const VarDecl *, 4> &vars) {
        return std::any_of(vars.begin(), vars.end(), [&](const VarDecl *v) { return changed.count(v); });
      };
      const Expr *limit = counts(lhs) ? cmp->getRHS() : counts(rhs) ? cmp->getLHS() : nullptr;
      if (!limit)
        return true;
      limit = limit->IgnoreParenImpCasts();
      if (const auto *ref = dyn_cast<DeclRefExpr>(limit))
        bound.symbol = ref->getDecl()->getNameAsString();
      else if (const auto *member = dyn_cast<MemberExpr>(limit))
        bound.symbol = member->getMemberDecl()->getNameAsString();
      if (!bound.symbol.empty())
        bound.kind = AttemptBound::Kind::Symbolic;
      return true;
    });
  }
  return bound;
}

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

bool growsStructurally(const LoopAnatomy &a, const std::vector<const Expr *> &slice, double &multiplier) {
  bool grows = false;
  for (const Expr *e : slice)
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Shl)
        grows = true, multiplier = 2;
      if (const auto *call = dyn_cast<CallExpr>(s)) {
        std::string name = unqualified(calleeName(call));
        if (name == "pow" || name == "exp2" || name == "ldexp" || name == "powf")
          grows = true;
      }
      return !grows;
    });
  llvm::SmallPtrSet<const VarDecl *, 8> sliceVars;
  for (const Expr *e : slice)
    collectReadVars(e, sliceVars);
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Assign || !sliceVars.count(e.var))
      continue;
    // delay *= 2, delay <<= 1, delay += delay
    llvm::SmallPtrSet<const VarDecl *, 4> rhsVars;
    collectReadVars(e.value, rhsVars);
    bool addsItself = rhsVars.count(e.var) > 0;
    if (const auto *bo = dyn_cast<BinaryOperator>(e.stmt))
      grows |= bo->getOpcode() == BO_MulAssign || bo->getOpcode() == BO_ShlAssign ||
               (bo->getOpcode() == BO_AddAssign && addsItself);
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e.stmt))
      grows |= op->getOperator() == OO_StarEqual || (op->getOperator() == OO_PlusEqual && addsItself);
  }
  return grows;
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
  if (geometric && !(arithmetic && grow == 1)) {
    shape.growth = GrowthKind::Exponential;
    shape.multiplier = ratio;
  } else {
    shape.growth = arithmetic ? GrowthKind::Linear : GrowthKind::Unknown;
  }
}

std::optional<FixIt> fullJitterFix(const LoopEvent &sleep, const ASTContext &ctx) {
  if (sleep.sleepHelper)
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

RetryLoop describe(const LoopAnatomy &a, const FunctionDecl *fn, ASTContext &ctx) {
  RetryLoop loop;
  loop.functionUsr = usrOf(fn);
  loop.functionName = fn->getQualifiedNameAsString();
  SourceLocation keyword = a.loop->getBeginLoc();
  loop.loop = makeSpan(SourceRange(keyword, keyword), ctx);

  DelayEvaluator eval(ctx);
  FailureRun run = simulateFailure(a, eval);
  if (run.terminated && run.attempts > 0) {
    loop.attempts.kind = AttemptBound::Kind::Constant;
    loop.attempts.count = run.attempts + (attemptsBeforeLoop(a) ? 1 : 0);
    loop.sleepsAfterFinalAttempt = run.sleptAfterFinalAttempt;
  } else {
    loop.attempts = structuralBound(a);
  }

  bool primary = true;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const LoopEvent &e = a.events[i];
    if (e.kind != LoopEvent::Kind::Sleep)
      continue;
    SleepSite site;
    site.span = makeSpan(e.stmt->getSourceRange(), ctx);
    site.sleepCall = e.sleepCall;
    std::vector<double> values = run.sleepsMs[i];
    if (!std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
      site.scheduleMs = values;
    std::vector<const Expr *> slice = delaySlice(a, e.delay);
    const Stmt *helperBody = e.sleepHelper ? e.sleepHelper->getBody() : nullptr;
    bool random = callsMatching(helperBody, isRandomSource, 1);
    for (const Expr *x : slice)
      random = random || callsMatching(x, isRandomSource, 2);
    if (primary) {
      primary = false;
      DelayShape &shape = loop.delay;
      shape.jitter = random ? JitterKind::Unknown : JitterKind::None;
      for (const Expr *x : slice)
        shape.capped |= callsMatching(x, [](const std::string &n) {
          std::string b = unqualified(n);
          return b == "min" || b == "clamp" || b == "fmin";
        }, 0);
      if (site.scheduleMs.size() >= 2)
        classifySchedule(site.scheduleMs, shape);
      double multiplier = 0;
      if (shape.growth == GrowthKind::None || shape.growth == GrowthKind::Unknown) {
        if (growsStructurally(a, slice, multiplier)) {
          shape.growth = GrowthKind::Exponential;
          shape.multiplier = multiplier;
        } else if (shape.growth == GrowthKind::None) {
          shape.growth = site.scheduleMs.empty() ? GrowthKind::Unknown : GrowthKind::Constant;
        }
      }
      if (!random)
        site.jitterFix = fullJitterFix(e, ctx);
    }
    loop.sleeps.push_back(site);
  }
  if (loop.sleeps.empty())
    loop.delay.growth = GrowthKind::None;

  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Call && e.isAttempt)
      if (const Decl *callee = cast<CallExpr>(e.stmt)->getCalleeDecl())
        if (std::string usr = usrOf(callee); !usr.empty())
          loop.retriedCallUsrs.push_back(usr);
  std::sort(loop.retriedCallUsrs.begin(), loop.retriedCallUsrs.end());
  loop.retriedCallUsrs.erase(std::unique(loop.retriedCallUsrs.begin(), loop.retriedCallUsrs.end()),
                             loop.retriedCallUsrs.end());
  return loop;
}

/// Visits the loops of user code (system headers skipped), knowing the enclosing function.
/// Template patterns are visited once; their instantiations are not.
class LoopFinder : public RecursiveASTVisitor<LoopFinder> {
  using Base = RecursiveASTVisitor<LoopFinder>;

public:
  LoopFinder(ASTContext &ctx, std::vector<RetryLoop> &out) : ctx(ctx), out(out) {}

  bool TraverseDecl(Decl *d) {
    if (!d)
      return true;
    if (!isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    const auto *fd = dyn_cast<FunctionDecl>(d);
    if (!fd || !fd->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(d);
    functions.push_back(fd);
    bool ok = Base::TraverseDecl(d);
    functions.pop_back();
    return ok;
  }

  bool TraverseLambdaExpr(LambdaExpr *lambda) {
    functions.push_back(lambda->getCallOperator());
    bool ok = Base::TraverseLambdaExpr(lambda);
    functions.pop_back();
    return ok;
  }

  bool VisitForStmt(ForStmt *s) { return consider(s); }
  bool VisitWhileStmt(WhileStmt *s) { return consider(s); }
  bool VisitDoStmt(DoStmt *s) { return consider(s); }

private:
  bool consider(const Stmt *loop) {
    if (functions.empty())
      return true;
    LoopAnatomy a = dissectLoop(loop, ctx);
    if (a.hasCompareExchange || a.mentionsEINTR || !attemptsSomething(a) || !leavesOnSuccess(a))
      return true;
    out.push_back(describe(a, functions.back(), ctx));
    return true;
  }

  ASTContext &ctx;
  std::vector<RetryLoop> &out;
  std::vector<const FunctionDecl *> functions;
};

} // namespace

void extractRetryLoops(ASTContext &ctx, std::vector<RetryLoop> &out) {
  LoopFinder(ctx, out).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
