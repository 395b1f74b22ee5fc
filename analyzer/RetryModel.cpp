#include "RetryModel.h"

#include "AstQueries.h"
#include "DelayEvaluator.h"
#include "FailureSimulation.h"
#include "JitterKinds.h"
#include "LoopAnatomy.h"
#include "OutcomeTests.h"
#include "SourceSpans.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

#include <algorithm>
#include <functional>
#include <cmath>

using namespace clang;

namespace retrylint {
namespace {

/// The outcome an event's guards imply when they all hold.
Outcome guardedOutcome(const LoopEvent &e, const LoopAnatomy &a) {
  Outcome result = Outcome::Unrelated;
  for (const Guard &g : e.guards) {
    Outcome o = classifyOutcomeTest(g.cond, a);
    if (g.negated)
      o = o == Outcome::Success ? Outcome::Failure : o == Outcome::Failure ? Outcome::Success : o;
    if (o != Outcome::Unrelated)
      result = o;
  }
  return result;
}

/// A retry leaves when the attempt succeeds and goes round again when it fails. Polls,
/// consumers and paginators go round on success, which is what sets them apart.
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
    if (o == Outcome::Success || (o == Outcome::Unrelated && continuesOnFailure))
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
  // consume(get_next_queue()) or get_next_queue().consume(): each attempt goes elsewhere.
  auto advances = [](const Expr *e) {
    return callsMatching(e, [](const std::string &n) {
      return llvm::StringRef(unqualified(n)).lower().find("next") != std::string::npos;
    }, 0);
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
        const Expr *index = nullptr;
        if (const auto *sub = dyn_cast<ArraySubscriptExpr>(s))
          index = sub->getIdx();
        if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getOperator() == OO_Subscript)
          index = op->getArg(1);
        if (index) {
          llvm::SmallPtrSet<const VarDecl *, 4> reads;
          collectReadVars(index, reads);
          for (const VarDecl *v : reads)
            indexed |= counters.count(v) > 0;
        }
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

llvm::SmallPtrSet<const VarDecl *, 8> changedVars(const LoopAnatomy &a);

/// The variables whose value decides whether the loop goes on: read by its condition or
/// by the guard of an exit.
llvm::SmallPtrSet<const VarDecl *, 8> testedVars(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> tested;
  collectReadVars(a.cond, tested);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Exit)
      for (const Guard &g : e.guards)
        collectReadVars(g.cond, tested);
  return tested;
}

/// The budget or throttle consulted before each retry, directly or through a same-TU helper.
/// A consultation counts when it can stop the retry (its answer is tested, or it blocks),
/// runs on every retry (not behind `attempt == 1` or a first-time flag), and comes before
/// the retry it gates. `gateUsrs` receives the callees of every such call that returns
/// bool or nothing, so that the link can match predicates of recognised budgets and their
/// helpers in any TU (docs/checks/retry-unbudgeted.md).
std::string consultedBudget(const LoopAnatomy &a, const std::vector<std::string> &budgetNames,
                            std::vector<std::string> &gateUsrs) {
  std::vector<const LoopEvent *> order; // one iteration, in execution order
  auto append = [&](const std::vector<LoopEvent> &list) {
    for (const LoopEvent &e : list)
      order.push_back(&e);
  };
  if (a.condAtEnd) {
    append(a.events);
    append(a.condEvents);
  } else {
    append(a.condEvents);
    append(a.events);
    append(a.incEvents);
  }
  // The retry a consultation must precede. When the iteration backs off before it calls the
  // operation, or the first attempt ran before the loop (the result starts as the same call),
  // the iteration's call is a retry. Otherwise the call at the top of the next iteration is,
  // and a consultation anywhere in this one comes before it.
  size_t retryAt = order.size();
  bool slept = false;
  for (size_t i = 0; i < order.size(); ++i) {
    const LoopEvent &e = *order[i];
    slept |= e.kind == LoopEvent::Kind::Sleep;
    if (e.kind != LoopEvent::Kind::Call || !e.isOperation)
      continue;
    const FunctionDecl *op = cast<CallExpr>(e.stmt)->getDirectCallee();
    bool before = false, declaredInside = false;
    for (const LoopEvent &d : a.events)
      declaredInside |=
          d.kind == LoopEvent::Kind::Assign && isa<DeclStmt>(d.stmt) && d.var == e.resultVar;
    if (op && e.resultVar && !declaredInside && e.resultVar->getInit())
      forEachDescendant(e.resultVar->getInit(), [&](const Stmt *s) {
        if (const auto *call = dyn_cast<CallExpr>(s); call && call->getDirectCallee())
          before |= call->getDirectCallee()->getCanonicalDecl() == op->getCanonicalDecl();
        return !before;
      });
    if (slept || before)
      retryAt = i;
    break;
  }

  // Counters and flags: variables the loop changes that do not hold an outcome.
  llvm::SmallPtrSet<const VarDecl *, 8> counters;
  for (const VarDecl *v : changedVars(a))
    if (!a.outcomeVars.count(v) && (v->getType()->isIntegerType() || v->getType()->isBooleanType()))
      counters.insert(v);
  auto readsCounter = [&](const Expr *e) {
    llvm::SmallPtrSet<const VarDecl *, 4> reads;
    collectReadVars(e, reads);
    return std::any_of(reads.begin(), reads.end(),
                       [&](const VarDecl *v) { return counters.count(v) > 0; });
  };
  // attempt == 1, !attempt, first: true on one attempt only (`equal` selects == or !=).
  auto oneAttempt = [&](const Expr *cond, bool equal) {
    cond = cond->IgnoreParenImpCasts();
    if (const auto *bo = dyn_cast<BinaryOperator>(cond); bo && bo->isEqualityOp())
      return (bo->getOpcode() == BO_EQ) == equal && readsCounter(bo);
    if (const auto *uo = dyn_cast<UnaryOperator>(cond); uo && uo->getOpcode() == UO_LNot)
      return equal && readsCounter(uo->getSubExpr());
    return equal && isa<DeclRefExpr>(cond) && cond->getType()->isBooleanType() &&
           readsCounter(cond);
  };
  auto onlyOnce = [&](const LoopEvent &e) {
    for (const Guard &g : e.guards)
      if (g.cond && oneAttempt(g.cond, !g.negated))
        return true;
    // attempt == 1 && !budget.TryRetry(), attempt != 1 || !budget.TryRetry()
    bool once = false;
    forEachDescendant(a.loop, [&](const Stmt *s) {
      const auto *bo = dyn_cast<BinaryOperator>(s);
      if (!bo || !bo->isLogicalOp())
        return !once;
      bool inRight = false;
      forEachDescendant(bo->getRHS(), [&](const Stmt *x) {
        inRight |= x == e.stmt;
        return !inRight;
      });
      once |= inRight && oneAttempt(bo->getLHS(), bo->getOpcode() == BO_LAnd);
      return !once;
    });
    return once;
  };
  llvm::SmallPtrSet<const VarDecl *, 8> tested = testedVars(a);

  std::string found;
  for (size_t i = 0; i < order.size(); ++i) {
    const LoopEvent &e = *order[i];
    // A throttle that waits (RateLimiter::Acquire sleeps until its permit) is a sleep event.
    bool isCall = e.kind == LoopEvent::Kind::Call ||
                  (e.kind == LoopEvent::Kind::Sleep && e.sleepHelper);
    if (!isCall || i > retryAt)
      continue;
    const auto *call = cast<CallExpr>(e.stmt);
    bool inCond = std::any_of(a.condEvents.begin(), a.condEvents.end(),
                              [&](const LoopEvent &c) { return &c == &e; });
    bool blocks = call->getType()->isVoidType();
    bool decides = e.inTest || inCond || blocks || (e.resultVar && tested.count(e.resultVar));
    if (!decides || onlyOnce(e))
      continue;
    // A const member function only queries (status.ok()); a budget's answer changes it.
    const auto *method = dyn_cast_or_null<CXXMethodDecl>(call->getCalleeDecl());
    if ((blocks || call->getType()->isBooleanType()) && call->getCalleeDecl() &&
        !(method && method->isConst()))
      if (std::string usr = usrOf(call->getCalleeDecl()); !usr.empty())
        gateUsrs.push_back(usr);
    if (!found.empty())
      continue;
    std::string name = calleeName(call);
    if (isBudgetConsultation(name, budgetNames)) {
      found = name;
      continue;
    }
    if (const FunctionDecl *helper = calleeWithBody(call))
      forEachDescendant(helper->getBody(), [&](const Stmt *s) {
        if (const auto *inner = dyn_cast<CallExpr>(s))
          if (isBudgetConsultation(calleeName(inner), budgetNames))
            found = calleeName(inner);
        return found.empty();
      });
  }
  std::sort(gateUsrs.begin(), gateUsrs.end());
  gateUsrs.erase(std::unique(gateUsrs.begin(), gateUsrs.end()), gateUsrs.end());
  return found;
}

bool attemptsSomething(const LoopAnatomy &a) {
  auto attempt = [](const LoopEvent &e) { return e.kind == LoopEvent::Kind::Call && e.isOperation; };
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
  // while (retries--): a counter counted down to zero, from a member or parameter.
  if (a.cond)
    if (const auto *uo = dyn_cast<UnaryOperator>(a.cond->IgnoreParenImpCasts());
        uo && uo->isDecrementOp())
      if (const auto *ref = dyn_cast<DeclRefExpr>(uo->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
          bound.kind = AttemptBound::Kind::Symbolic;
          bound.symbol = var->getNameAsString();
          if (const Expr *init = var->getInit())
            if (const auto *m = dyn_cast<MemberExpr>(init->IgnoreParenImpCasts()))
              bound.symbol = m->getMemberDecl()->getNameAsString();
          return bound;
        }
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
      else if (const auto *call = dyn_cast<CallExpr>(limit)) // opts.max_attempts()
        bound.symbol = unqualified(calleeName(call)) + "()";
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
  return attempts.kind == AttemptBound::Kind::Unbounded || attempts.kind == AttemptBound::Kind::Deadline;
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

RetryLoop describe(const LoopAnatomy &a, const FunctionDecl *fn, ASTContext &ctx,
                   const std::vector<std::string> &budgetNames) {
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
    if (!run.terminated && values.size() > 6)
      values.resize(6); // an open-ended loop: the first delays tell the shape
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
        shape.shiftOverflows = shiftCanOverflow(grows, loop.attempts, ctx);
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
          shape.growth = varies || !e.delay ? GrowthKind::Unknown : GrowthKind::Constant;
        }
      }
      if (!random)
        site.jitterFix = fullJitterFix(e, ctx);
    }
    loop.sleeps.push_back(site);
  }
  if (loop.sleeps.empty())
    loop.delay.growth = GrowthKind::None;

  loop.budgetCall = consultedBudget(a, budgetNames, loop.retryGateUsrs);
  findHelperParams(a, fn, loop);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Call && e.isOperation)
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
  LoopFinder(ASTContext &ctx, const std::vector<std::string> &budgetNames,
             std::vector<RetryLoop> &out, llvm::DenseMap<const Stmt *, int> &loopIndex)
      : ctx(ctx), budgetNames(budgetNames), out(out), loopIndex(loopIndex) {}

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
    if (a.spinsOnAtomicOrLock || a.mentionsEINTR || !attemptsSomething(a) || !leavesOnSuccess(a) ||
        triesAlternatives(a))
      return true;
    loopIndex[loop] = static_cast<int>(out.size());
    out.push_back(describe(a, functions.back(), ctx, budgetNames));
    return true;
  }

  ASTContext &ctx;
  const std::vector<std::string> &budgetNames;
  std::vector<RetryLoop> &out;
  llvm::DenseMap<const Stmt *, int> &loopIndex;
  std::vector<const FunctionDecl *> functions;
};

} // namespace

void extractRetryLoops(ASTContext &ctx, const std::vector<std::string> &budgetNames,
                       std::vector<RetryLoop> &out, llvm::DenseMap<const Stmt *, int> &loopIndex) {
  LoopFinder(ctx, budgetNames, out, loopIndex).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
