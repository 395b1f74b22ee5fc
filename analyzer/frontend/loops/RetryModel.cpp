#include "frontend/loops/RetryModel.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/loops/AttemptBounds.h"
#include "frontend/loops/BudgetConsultation.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/loops/DelayShape.h"
#include "frontend/loops/FailureSimulation.h"
#include "frontend/loops/JitterKinds.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayPolicies.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Subscripts.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <functional>
#include <cmath>
#include <cstdlib>
#include <optional>

using namespace clang;

namespace retrylint {
namespace {

/// The outcome an event's guards imply when they all hold.
Outcome guardedOutcome(const LoopEvent &e, const LoopAnatomy &a) {
  Outcome result = Outcome::Unrelated;
  for (const Guard &g : e.guards) {
    Outcome o = classifyOutcomeTest(g.cond, a);
    if (g.negated)
      o = flip(o);
    if (o != Outcome::Unrelated)
      result = o;
  }
  return result;
}

/// A retry leaves when the attempt succeeds and goes round again when it fails. Polls,
/// consumers and paginators go round on success, which is what sets them apart.
/// An exit taken when the owner is stopping (if (shutdown_) return;): a worker's way out,
/// not a success.
bool stopsOn(const LoopEvent &exit) {
  for (const Guard &g : exit.guards)
    if (g.cond && !stopConditionIn(g.cond).empty())
      return true;
  return false;
}

bool leavesOnSuccess(const LoopAnatomy &a) {
  if (classifyOutcomeTest(a.cond, a) == Outcome::Failure)
    return true; // while (!status.ok() && ...), do { ... } while (!delivered)
  bool continuesOnFailure = false;
  for (const LoopEvent &e : a.events) {
    if (e.kind == LoopEvent::Kind::Continue && guardedOutcome(e, a) == Outcome::Failure)
      continuesOnFailure = true;
    if (e.kind != LoopEvent::Kind::Exit || isa<CXXThrowExpr>(e.stmt) || e.inCatch)
      continue;
    if (e.inTry)
      return true; // try { return Call(); } catch (...) { back off }
    Outcome o = guardedOutcome(e, a);
    if (o == Outcome::Success || (o == Outcome::Unrelated && continuesOnFailure && !stopsOn(e)))
      return true; // if (err) continue; ... return result;
  }
  return false;
}

/// Dial(endpoints[i]): each iteration tries a different thing, so nothing is retried.
bool triesAlternatives(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> counters;
  for (const auto *list : {&a.events, &a.incEvents, &a.condEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Assign && !a.outcomeVars.count(e.var))
        counters.insert(e.var);
  // consume(get_next_queue()) or get_next_queue().consume(): each attempt goes elsewhere,
  // unless the loop starts the walk over.
  auto advances = [&](const CallExpr *e) {
    bool moves = false;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s))
        moves |= llvm::StringRef(unqualified(calleeName(call))).lower().find("next") != std::string::npos &&
                 !restartsWalk(a, call);
      return !moves;
    });
    return moves;
  };
  bool any = false, allIndexed = true;
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Call || !e.isOperation)
      continue;
    any = true;
    const auto *call = cast<CallExpr>(e.stmt);
    if (advances(call)) // get_next_queue().consume(0), Dial(picker.Next())
      return true;
    bool indexed = false;
    for (const Expr *arg : call->arguments())
      forEachDescendant(arg, [&](const Stmt *s) {
        if (const Expr *index = subscriptIndex(s))
          indexed |= readsAnyOf(index, counters);
        return !indexed;
      });
    allIndexed &= indexed;
  }
  return any && allIndexed;
}

/// A retry helper retries what its caller passes: fn() on a parameter, bounded by another
/// parameter (Retry(int max_attempts, Fn fn)). Records both parameter indexes.
void findHelperParams(const LoopAnatomy &a, const FunctionDecl *fn, RetryLoop &loop) {
  auto paramIndex = [&](const Expr *e) -> int {
    if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e ? e->IgnoreParenImpCasts() : nullptr))
      if (const auto *p = dyn_cast<ParmVarDecl>(ref->getDecl()))
        return static_cast<int>(p->getFunctionScopeIndex());
    return -1;
  };
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list) {
      if (e.kind != LoopEvent::Kind::Call || !e.isOperation || loop.callableParam >= 0)
        continue;
      const auto *call = cast<CallExpr>(e.stmt);
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call); op && op->getOperator() == OO_Call)
        loop.callableParam = paramIndex(op->getArg(0)); // std::function or a functor
      else
        loop.callableParam = paramIndex(call->getCallee());
    }
  if (loop.attempts.kind == AttemptBound::Kind::Symbolic)
    for (const ParmVarDecl *p : fn->parameters())
      if (p->getName() == loop.attempts.symbol)
        loop.attemptsParam = static_cast<int>(p->getFunctionScopeIndex());
}

bool attemptsSomething(const LoopAnatomy &a) {
  auto attempt = [](const LoopEvent &e) { return e.kind == LoopEvent::Kind::Call && e.isOperation; };
  return std::any_of(a.events.begin(), a.events.end(), attempt) ||
         std::any_of(a.condEvents.begin(), a.condEvents.end(), attempt);
}

/// status = Send(); while (!status.ok() && ...) { ...; status = Send(); }: the first
/// attempt runs before the loop, and the user counts it.
bool attemptsBeforeLoop(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> tested = testedVars(a);
  llvm::SmallPtrSet<const VarDecl *, 8> declaredInside;
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Assign && isa<DeclStmt>(e.stmt))
      declaredInside.insert(e.var);
  for (const VarDecl *var : tested) {
    if (!a.outcomeVars.count(var) || declaredInside.count(var))
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

/// The delay reads a member of the object, and the loop calls a method of the object whose
/// body is not in this TU (NoteFailure() defined in another file): that method may grow the
/// member, so the delay is unknown here, not constant.
bool memberChangedOutOfSight(const LoopAnatomy &a, const std::vector<const Expr *> &slice) {
  const CXXRecordDecl *owner = nullptr;
  for (const Expr *x : slice)
    forEachDescendant(x, [&](const Stmt *s) {
      if (const auto *m = dyn_cast<MemberExpr>(s); m && isa<CXXThisExpr>(m->getBase()->IgnoreParenImpCasts()))
        if (const auto *f = dyn_cast<FieldDecl>(m->getMemberDecl()))
          owner = dyn_cast<CXXRecordDecl>(f->getParent());
      return !owner;
    });
  if (!owner)
    return false;
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list) {
      const auto *call = dyn_cast<CXXMemberCallExpr>(e.stmt);
      const CXXMethodDecl *m = call ? call->getMethodDecl() : nullptr;
      if (m && !m->isStatic() && !m->isConst() && !m->hasBody() &&
          isa<CXXThisExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts()) &&
          (m->getParent()->getCanonicalDecl() == owner->getCanonicalDecl() || owner->isDerivedFrom(m->getParent())))
        return true;
    }
  return false;
}

/// Under a deadline, a 64-bit shift whose delay the loop sleeps in full, or cut only by
/// something that varies (the time left: std::min(base << n, remaining)), cannot overflow:
/// reaching attempt 63 takes 2^63 units of sleep. A constant cap (std::min(1LL << n, kMaxMs))
/// lets the attempts run on past the width, so it keeps the report.
bool deadlineOutrunsShift(const Stmt *grows, const AttemptBound &attempts,
                          const std::vector<const Expr *> &slice, const ASTContext &ctx) {
  const auto *shl = dyn_cast_or_null<BinaryOperator>(grows);
  if (attempts.kind != AttemptBound::Kind::Deadline || attempts.effectivelyUnbounded || !shl ||
      shl->getOpcode() != BO_Shl || ctx.getTypeSize(shl->getLHS()->getType()) < 64)
    return false;
  bool constantCap = false;
  for (const Expr *x : slice)
    forEachDescendant(x, [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      std::string name = call ? unqualified(calleeName(call)) : "";
      if (name != "min" && name != "clamp" && name != "fmin")
        return !constantCap;
      for (const Expr *arg : call->arguments()) {
        llvm::SmallPtrSet<const VarDecl *, 4> reads;
        collectReadVars(arg, reads);
        constantCap |= std::all_of(reads.begin(), reads.end(),
                                   [](const VarDecl *v) { return v->getType().isConstQualified(); });
      }
      return !constantCap;
    });
  return !constantCap;
}

/// One bound of a jittered sleep's delays: empty when a value is unknown, and the first
/// delays only of an open-ended loop, as for the schedule.
std::vector<double> boundSchedule(std::vector<double> values, bool terminated) {
  if (!terminated && values.size() > 6)
    values.resize(6);
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    values.clear();
  return values;
}

RetryLoop describe(const LoopAnatomy &a, const FunctionDecl *fn, ASTContext &ctx) {
  RetryLoop loop;
  loop.functionUsr = usrOf(fn);
  loop.functionName = fn->getQualifiedNameAsString();
  SourceLocation keyword = a.loop->getBeginLoc();
  // A loop written in a macro's argument (RETURN_NOT_OK(Submit([=] { for ... }))) is
  // reported where it is written, not at the macro.
  const SourceManager &sm = ctx.getSourceManager();
  if (keyword.isMacroID() && sm.isMacroArgExpansion(keyword))
    keyword = sm.getSpellingLoc(keyword);
  loop.loop = makeSpan(SourceRange(keyword, keyword), ctx);

  DelayEvaluator eval(ctx);
  FailureRun run = simulateFailure(a, eval);
  if (run.terminated && run.attempts > 0) {
    loop.attempts.kind = AttemptBound::Kind::Constant;
    loop.attempts.count = run.attempts + (attemptsBeforeLoop(a) ? 1 : 0);
    loop.sleepsAfterFinalAttempt = run.sleptAfterFinalAttempt;
  } else {
    loop.attempts = structuralBound(a, ctx);
    if (loop.attempts.kind == AttemptBound::Kind::Symbolic && attemptsBeforeLoop(a))
      loop.attempts.offset += 1;
  }

  bool primary = true;
  std::optional<DelayBounds> bounds;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const LoopEvent &e = a.events[i];
    if (e.kind != LoopEvent::Kind::Sleep)
      continue;
    SleepSite site;
    site.span = makeSpan(e.stmt->getSourceRange(), ctx);
    site.sleepCall = e.sleepCall;
    site.unseen = e.unseenDelay;
    std::vector<double> values = run.sleepsMs[i];
    if (!run.terminated && values.size() > 6)
      values.resize(6); // an open-ended loop: the first delays tell the shape
    if (!std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
      site.scheduleMs = values;
    std::vector<const Expr *> slice = delaySlice(a, e.delay);
    const Stmt *helperBody = e.sleepHelper ? e.sleepHelper->getBody() : nullptr;
    // A delay from a policy (backoff_.next(), ComputeBackoff(n), a member grown elsewhere):
    // its schedule is the policy's, which the link joins (frontend/policies/DelayPolicies).
    site.delayPolicyUsr = delayPolicyUsrIn(slice);
    if (site.delayPolicyUsr.empty() && helperBody)
      site.delayPolicyUsr = delayPolicyUsrInBody(helperBody);
    bool outOfSight = site.delayPolicyUsr.empty() && memberChangedOutOfSight(a, slice);
    if (!site.delayPolicyUsr.empty() || outOfSight)
      site.scheduleMs.clear();
    bool random = callsWithRole(helperBody, CallRole::RandomSource, 1);
    for (const Expr *x : slice)
      random = random || callsWithRole(x, CallRole::RandomSource, 2);
    if (random && site.scheduleMs.empty()) { // jittered: no schedule, but its bounds
      if (!bounds)
        bounds = simulateDelayBounds(a, ctx);
      site.lowestMs = boundSchedule(bounds->lowestMs[i], run.terminated);
      site.highestMs = boundSchedule(bounds->highestMs[i], run.terminated);
    }
    if (primary) {
      primary = false;
      DelayShape &shape = loop.delay;
      shape.jitter = random ? classifyJitter(slice, a, ctx) : JitterKind::None;
      for (const Expr *x : slice)
        shape.capped |= callsMatching(x, [](const std::string &n) {
          std::string b = unqualified(n);
          return b == "min" || b == "clamp" || b == "fmin";
        }, 0);
      shape.capped |= guardedByItsOwnBound(a, slice);
      if (site.scheduleMs.size() >= 2)
        classifySchedule(site.scheduleMs, shape);
      GrowthKind structural = GrowthKind::None;
      const Stmt *grows = growthSite(a, slice, structural);
      if (grows) {
        shape.growthSpan = makeSpan(grows->getSourceRange(), ctx);
        shape.shiftOverflows = shiftCanOverflow(grows, loop.attempts, ctx) &&
                               !deadlineOutrunsShift(grows, loop.attempts, slice, ctx);
      }
      if (shape.growth == GrowthKind::None || shape.growth == GrowthKind::Unknown) {
        if (grows) {
          shape.growth = structural;
          if (structural != GrowthKind::Exponential)
            shape.multiplier = 0;
          else if (const auto *shl = dyn_cast<BinaryOperator>(grows); shl && shl->getOpcode() == BO_Shl)
            shape.multiplier = 2;
        } else if (shape.growth == GrowthKind::None) {
          bool varies = false;
          for (const Expr *x : slice) {
            llvm::SmallPtrSet<const VarDecl *, 8> reads;
            collectReadVars(x, reads);
            for (const VarDecl *v : reads)
              varies |= !a.outcomeVars.count(v) && changedVars(a).count(v);
          }
          // A helper sleeping on its own state (backoff.Wait()) hides the delay.
          shape.growth = varies || !e.delay || !site.delayPolicyUsr.empty() || outOfSight ? GrowthKind::Unknown
                                                                                           : GrowthKind::Constant;
        }
      }
      // A delay that did not compile (a missing header) is unknown: no growth, cap or
      // jitter is claimed about it.
      if (std::any_of(slice.begin(), slice.end(), [](const Expr *x) { return x && x->containsErrors(); })) {
        shape = DelayShape{};
        shape.growth = GrowthKind::Unknown;
        shape.jitter = JitterKind::Unknown;
        site.scheduleMs.clear();
        random = true; // no fix-it on an unknown delay
      }
      if (!random)
        site.jitterFix = fullJitterFix(e, ctx);
    }
    loop.sleeps.push_back(site);
  }
  if (loop.sleeps.empty())
    loop.delay.growth = GrowthKind::None;

  loop.budgetCall = consultedBudget(a, loop.retryGateUsrs);
  findHelperParams(a, fn, loop);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Call && e.isOperation)
      if (const Decl *callee = cast<CallExpr>(e.stmt)->getCalleeDecl())
        if (std::string usr = usrOf(callee); !usr.empty())
          loop.retriedCallUsrs.push_back(usr);
  std::sort(loop.retriedCallUsrs.begin(), loop.retriedCallUsrs.end());
  loop.retriedCallUsrs.erase(std::unique(loop.retriedCallUsrs.begin(), loop.retriedCallUsrs.end()),
                             loop.retriedCallUsrs.end());
  loop.evidence = gatherEvidence(a, fn, loop);
  loop.opaqueCalls = opaqueCalls(a, ctx);
  return loop;
}

/// Visits the loops of user code (system headers skipped), knowing the enclosing function.
/// Template patterns are visited once; their instantiations are not.
class LoopFinder : public RecursiveASTVisitor<LoopFinder> {
  using Base = RecursiveASTVisitor<LoopFinder>;

public:
  LoopFinder(ASTContext &ctx, std::vector<RetryLoop> &out,
             llvm::DenseMap<const Stmt *, int> &loopIndex)
      : ctx(ctx), out(out), loopIndex(loopIndex) {}

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
  /// Why the loop is not a retry, "" when it is one.
  std::string rejection(const LoopAnatomy &a) {
    if (a.spinsOnAtomicOrLock)
      return "spins on an atomic or a lock";
    if (a.mentionsEINTR)
      return "restarts on EINTR";
    if (!attemptsSomething(a))
      return "attempts nothing";
    if (!leavesOnSuccess(a))
      return "does not leave on success";
    if (triesAlternatives(a))
      return "tries alternatives";
    std::string why = notARetry(a, ctx);
    return why.empty() ? why : "not a retry: " + why;
  }

  /// RETRYLINT_TRACE_LOOPS=1 prints the verdict on every loop (for triage of real code).
  static bool traceLoops() {
    static const bool on = [] {
      const char *v = std::getenv("RETRYLINT_TRACE_LOOPS");
      return v && *v && std::string(v) != "0";
    }();
    return on;
  }

  bool consider(const Stmt *loop) {
    if (functions.empty())
      return true;
    LoopAnatomy a = dissectLoop(loop, ctx);
    std::string why = rejection(a);
    if (traceLoops())
      llvm::errs() << "retrylint: loop at "
                   << loop->getBeginLoc().printToString(ctx.getSourceManager()) << ": "
                   << (why.empty() ? "a retry" : why) << "\n";
    if (!why.empty())
      return true;
    loopIndex[loop] = static_cast<int>(out.size());
    out.push_back(describe(a, functions.back(), ctx));
    return true;
  }

  ASTContext &ctx;
  std::vector<RetryLoop> &out;
  llvm::DenseMap<const Stmt *, int> &loopIndex;
  std::vector<const FunctionDecl *> functions;
};

} // namespace

void extractRetryLoops(ASTContext &ctx, std::vector<RetryLoop> &out,
                       llvm::DenseMap<const Stmt *, int> &loopIndex) {
  LoopFinder(ctx, out, loopIndex).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
