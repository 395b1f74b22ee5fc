#include "frontend/loops/BudgetConsultation.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/OutcomeTests.h"

#include "clang/AST/ExprCXX.h"

#include <algorithm>

using namespace clang;

namespace retrylint {

std::string consultedBudget(const LoopAnatomy &a, std::vector<std::string> &gateUsrs) {
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
    if (Vocabulary::current().is(call, CallRole::BudgetGate)) {
      found = name;
      continue;
    }
    if (const FunctionDecl *helper = calleeWithBody(call))
      forEachDescendant(helper->getBody(), [&](const Stmt *s) {
        if (const auto *inner = dyn_cast<CallExpr>(s))
          if (Vocabulary::current().is(inner, CallRole::BudgetGate))
            found = calleeName(inner);
        return found.empty();
      });
  }
  std::sort(gateUsrs.begin(), gateUsrs.end());
  gateUsrs.erase(std::unique(gateUsrs.begin(), gateUsrs.end()), gateUsrs.end());
  return found;
}

} // namespace retrylint
