#include "frontend/loops/FailureSimulation.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/loops/OutcomeTests.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <cmath>
#include <map>
#include <string>
#include <limits>

using namespace clang;

namespace retrylint {
namespace {

enum class Truth { False, True, Unknown };

class Simulator {
public:
  Simulator(const LoopAnatomy &a, DelayEvaluator &eval) : a(a), eval(eval) {
    mapHandlers(a.loop, nullptr);
  }

  FailureRun run(int maxIterations) {
    eval.unknowable.insert(a.outcomeVars.begin(), a.outcomeVars.end());
    runEvents(forInitEvents());
    for (int i = 0; i < maxIterations && !result.terminated; ++i) {
      // A while-condition may attempt (while (!Connect())): it belongs to the iteration.
      if (!a.condAtEnd && !conditionHolds()) {
        finishIteration();
        break;
      }
      runEvents(a.events);
      if (!result.terminated) {
        runEvents(a.incEvents);
        if (a.condAtEnd && !conditionHolds()) {
          finishIteration();
          break;
        }
      }
      finishIteration();
    }
    if (!result.terminated)
      result.terminated = stoppedByCondition;
    result.sleptAfterFinalAttempt = result.terminated && attemptedBefore && sleptAfterAttempt;
    return result;
  }

private:
  /// A for-init declares or assigns the counter: dissect it like body statements.
  std::vector<LoopEvent> forInitEvents() {
    std::vector<LoopEvent> events;
    if (!a.init)
      return events;
    if (const auto *ds = dyn_cast<DeclStmt>(a.init)) {
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d)) {
          LoopEvent e{LoopEvent::Kind::Assign, a.init};
          e.var = var->getCanonicalDecl();
          e.value = var->getInit();
          events.push_back(e);
        }
      return events;
    }
    const Expr *rhs = nullptr;
    if (const VarDecl *var = assignedVar(a.init, &rhs)) {
      LoopEvent e{LoopEvent::Kind::Assign, a.init};
      e.var = var;
      e.value = rhs;
      events.push_back(e);
    }
    return events;
  }

  void finishIteration() {
    if (attempted) {
      ++result.attempts;
      attemptedBefore = true;
      sleptAfterAttempt = sleptAfter;
    }
    attempted = sleptAfter = false;
  }

  bool conditionHolds() {
    if (!a.cond)
      return true; // for (;;)
    runEvents(a.condEvents); // attempt++ < n: side effects first, see DelayEvaluator
    auto holds = eval.evalCondition(a.cond);
    if (!holds) {
      Outcome o = classifyOutcomeTest(a.cond, a); // while (!status.ok()) holds as attempts fail
      if (o != Outcome::Unrelated)
        holds = o == Outcome::Failure;
    }
    if (holds && !*holds) {
      stoppedByCondition = true;
      return false;
    }
    return true; // unknown: the condition tests the outcome, which keeps failing
  }

  /// Guards are evaluated where they can be; a test of the outcome holds as every attempt
  /// fails (!s.ok() holds, s.ok() does not).
  Truth guardsHold(const LoopEvent &e) {
    Truth t = Truth::True;
    for (const Guard &g : e.guards) {
      if (!g.cond)
        return Truth::Unknown;
      std::optional<bool> v = eval.evalCondition(g.cond);
      if (!v) {
        Outcome o = classifyOutcomeTest(g.cond, a);
        if (o == Outcome::Success)
          v = false;
        // A failure test alone guards the give-up path for errors that are not worth
        // retrying; the outage being simulated is retryable. Combined with a counter
        // (!ok && ++attempt == kMax) it is the last attempt's exit.
        else if (o == Outcome::Failure)
          v = e.kind != LoopEvent::Kind::Exit || readsCounter(g.cond);
      }
      if (!v)
        t = Truth::Unknown;
      else if (*v == g.negated)
        return Truth::False;
    }
    return t;
  }

  void runEvents(const std::vector<LoopEvent> &events) {
    for (size_t i = 0; i < events.size() && !result.terminated; ++i) {
      const LoopEvent &e = events[i];
      Truth t = guardsHold(e);
      if (t == Truth::False)
        continue;
      switch (e.kind) {
      case LoopEvent::Kind::Call:
        attempted |= e.isOperation;
        break;
      case LoopEvent::Kind::Assign:
        if (!e.member.empty()) {
          if (auto v = eval.eval(e.value))
            fields[e.var][e.member] = v->value;
          else
            fields[e.var].erase(e.member);
          break;
        }
        // Under unknown guards only self-updates (delay *= 2) are the failure path; a
        // plain store (delay = base) is typically the reset on success.
        if (t == Truth::True || readsItself(e))
          assign(e);
        break;
      case LoopEvent::Kind::Sleep: {
        auto q = delayMs(e);
        result.sleepsMs[indexOf(e)].push_back(q ? *q : std::numeric_limits<double>::quiet_NaN());
        sleptAfter |= attempted;
        break;
      }
      case LoopEvent::Kind::Continue:
        if (t == Truth::True)
          return; // the rest of this iteration is skipped
        break;
      case LoopEvent::Kind::Exit:
        // An exit in a try block is reached only when the attempt did not throw, and one in a
        // handler that always leaves (catch (Ask&) { return resend(); }), or in a try nested in
        // it, only for that kind of failure when another handler of the try goes round: the
        // simulation follows that one.
        if (t == Truth::True && !e.inTry && !inHandlerWhileAnotherRetries(e.handler))
          result.terminated = true;
        break;
      }
    }
  }

  bool readsCounter(const Expr *cond) const {
    llvm::SmallPtrSet<const VarDecl *, 8> reads;
    collectReadVars(cond, reads);
    for (const VarDecl *v : reads)
      if (!a.outcomeVars.count(v) && eval.env.count(v))
        return true;
    return false;
  }

  /// Records each handler's try and the handler it is nested in, within the loop (lambdas and
  /// nested functions are not entered).
  void mapHandlers(const Stmt *s, const CXXCatchStmt *enclosing) {
    if (!s || isa<LambdaExpr, BlockExpr>(s))
      return;
    if (const auto *tr = dyn_cast<CXXTryStmt>(s)) {
      mapHandlers(tr->getTryBlock(), enclosing);
      for (unsigned i = 0; i < tr->getNumHandlers(); ++i) {
        const CXXCatchStmt *h = tr->getHandler(i);
        tryOf[h] = tr;
        outerOf[h] = enclosing;
        mapHandlers(h->getHandlerBlock(), h);
      }
      return;
    }
    for (const Stmt *c : s->children())
      mapHandlers(c, enclosing);
  }

  /// The statement returns, breaks or throws on every path: as one of its own statements, or
  /// as a try whose block and every handler do (try { return resend(); } catch (E&) { throw; }).
  static bool leaves(const Stmt *s) {
    if (!s)
      return false;
    if (isa<ReturnStmt, BreakStmt>(s))
      return true;
    if (const auto *e = dyn_cast<Expr>(s))
      return isa<CXXThrowExpr>(e->IgnoreImplicit());
    if (const auto *block = dyn_cast<CompoundStmt>(s)) {
      for (const Stmt *c : block->body())
        if (leaves(c))
          return true;
      return false;
    }
    if (const auto *tr = dyn_cast<CXXTryStmt>(s)) {
      if (!leaves(tr->getTryBlock()))
        return false;
      for (unsigned i = 0; i < tr->getNumHandlers(); ++i)
        if (!leaves(tr->getHandler(i)->getHandlerBlock()))
          return false;
      return true;
    }
    return false;
  }

  /// The handler's block leaves on every path.
  static bool alwaysLeaves(const CXXCatchStmt *handler) {
    return leaves(handler->getHandlerBlock());
  }

  /// The event's handler, or one it is nested in, always leaves while another handler of its
  /// try goes round.
  bool inHandlerWhileAnotherRetries(const CXXCatchStmt *handler) const {
    for (int depth = 0; handler && depth < 16; ++depth) {
      if (leavesWhileAnotherRetries(handler))
        return true;
      auto it = outerOf.find(handler);
      handler = it == outerOf.end() ? nullptr : it->second;
    }
    return false;
  }

  /// The handler always leaves and another handler of its try does not (it goes round).
  bool leavesWhileAnotherRetries(const CXXCatchStmt *handler) const {
    auto it = tryOf.find(handler);
    if (it == tryOf.end() || !alwaysLeaves(handler))
      return false;
    for (unsigned i = 0; i < it->second->getNumHandlers(); ++i)
      if (const CXXCatchStmt *other = it->second->getHandler(i);
          other != handler && !alwaysLeaves(other))
        return true;
    return false;
  }

  size_t indexOf(const LoopEvent &e) const { return static_cast<size_t>(&e - a.events.data()); }

  static bool readsItself(const LoopEvent &e) {
    if (!e.value || !isa<DeclStmt>(e.stmt) && !isa<BinaryOperator>(e.stmt))
      return true; // ++, --, compound operators on durations
    if (const auto *bo = dyn_cast<BinaryOperator>(e.stmt))
      if (bo->isCompoundAssignmentOp())
        return true;
    llvm::SmallPtrSet<const VarDecl *, 8> reads;
    collectReadVars(e.value, reads);
    return reads.count(e.var) > 0;
  }

  void assign(const LoopEvent &e) {
    std::optional<Quantity> v;
    if (isa<DeclStmt>(e.stmt)) {
      v = eval.eval(e.value);
    } else if (const auto *uo = dyn_cast<UnaryOperator>(e.stmt)) {
      if (auto old = eval.eval(uo->getSubExpr()))
        v = Quantity{old->kind, old->value + (uo->isIncrementOp() ? 1 : -1)};
    } else if (const auto *bo = dyn_cast<BinaryOperator>(e.stmt)) {
      if (!bo->isCompoundAssignmentOp())
        v = eval.eval(bo->getRHS());
      else if (auto old = eval.eval(bo->getLHS()))
        if (auto rhs = eval.eval(bo->getRHS()))
          v = eval.evalBinary(BinaryOperator::getOpForCompoundAssignment(bo->getOpcode()), *old,
                              *rhs);
    } else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e.stmt)) {
      v = evalOverloadedAssign(op);
    }
    // An unknown value must not fall back to the variable's initialiser later.
    eval.env[e.var] = v ? *v : Quantity{Quantity::Kind::Number, std::nan("")};
  }

  std::optional<Quantity> evalOverloadedAssign(const CXXOperatorCallExpr *op) {
    OverloadedOperatorKind k = op->getOperator();
    auto old = eval.eval(op->getArg(0));
    if (k == OO_PlusPlus || k == OO_MinusMinus)
      return old ? std::optional<Quantity>(Quantity{old->kind, old->value + (k == OO_PlusPlus ? 1 : -1)})
                 : std::nullopt;
    if (op->getNumArgs() != 2)
      return std::nullopt;
    auto rhs = eval.eval(op->getArg(1));
    if (k == OO_Equal)
      return rhs;
    if (!old || !rhs)
      return std::nullopt;
    switch (k) {
    case OO_StarEqual: return eval.evalBinary(BO_Mul, *old, *rhs);
    case OO_SlashEqual: return eval.evalBinary(BO_Div, *old, *rhs);
    case OO_PlusEqual: return eval.evalBinary(BO_Add, *old, *rhs);
    case OO_MinusEqual: return eval.evalBinary(BO_Sub, *old, *rhs);
    case OO_LessLessEqual: return eval.evalBinary(BO_Shl, *old, *rhs);
    default: return std::nullopt;
    }
  }

  /// nanosleep(&ts, ...): the fields last stored into ts.
  std::optional<double> timespecMs(const Expr *arg) {
    if (!arg)
      return std::nullopt;
    const auto *addr = dyn_cast<UnaryOperator>(arg->IgnoreParenImpCasts());
    const auto *ref = addr ? dyn_cast<DeclRefExpr>(addr->getSubExpr()->IgnoreParenImpCasts()) : nullptr;
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (!var || !fields.count(var->getCanonicalDecl()))
      return std::nullopt;
    const auto &f = fields[var->getCanonicalDecl()];
    auto sec = f.find("tv_sec"), nsec = f.find("tv_nsec");
    if (sec == f.end() || nsec == f.end())
      return std::nullopt;
    return sec->second * 1e3 + nsec->second * 1e-6;
  }

  std::optional<double> delayMs(const LoopEvent &e) {
    if (e.sleepInfo.unit == DelayUnit::Timespec)
      return timespecMs(e.delay);
    auto q = eval.eval(e.delay);
    if (!q || std::isnan(q->value))
      return std::nullopt;
    switch (e.sleepInfo.unit) {
    case DelayUnit::Duration:
    case DelayUnit::TimePoint: // now() evaluates to 0, so now() + d is d
      return q->kind == Quantity::Kind::Number ? std::nullopt : std::optional<double>(q->value);
    case DelayUnit::Seconds: return q->value * 1e3;
    case DelayUnit::Milliseconds: return q->value;
    case DelayUnit::Microseconds: return q->value * 1e-3;
    case DelayUnit::Timespec: return timespecMs(e.delay);
    }
    return std::nullopt;
  }

  const LoopAnatomy &a;
  DelayEvaluator &eval;
  FailureRun result;
  bool attempted = false, sleptAfter = false, stoppedByCondition = false;
  bool attemptedBefore = false, sleptAfterAttempt = false;
  std::map<const VarDecl *, std::map<std::string, double>> fields; // struct members stored
  std::map<const CXXCatchStmt *, const CXXTryStmt *> tryOf;
  std::map<const CXXCatchStmt *, const CXXCatchStmt *> outerOf; // null: not nested in a handler
};

} // namespace

FailureRun simulateFailure(const LoopAnatomy &anatomy, DelayEvaluator &eval, int maxIterations) {
  return Simulator(anatomy, eval).run(maxIterations);
}

DelayBounds simulateDelayBounds(const LoopAnatomy &anatomy, ASTContext &ctx, int maxIterations) {
  DelayBounds bounds;
  for (auto at : {DelayEvaluator::DrawAt::Lowest, DelayEvaluator::DrawAt::Highest}) {
    DelayEvaluator eval(ctx);
    eval.drawAt = at;
    FailureRun run = simulateFailure(anatomy, eval, maxIterations);
    (at == DelayEvaluator::DrawAt::Lowest ? bounds.lowestMs : bounds.highestMs) = std::move(run.sleepsMs);
  }
  return bounds;
}

} // namespace retrylint
