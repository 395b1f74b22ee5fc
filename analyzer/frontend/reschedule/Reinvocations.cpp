#include "frontend/reschedule/Reinvocations.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/AttemptBounds.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayGrowth.h"
#include "frontend/policies/DelayPolicies.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cmath>
#include <optional>

using namespace clang;

namespace retrylint {
namespace {

using policies::isDelayType;
using policies::reads;
using policies::storedOutsideConstructors;
using policies::thisField;

/// One step on the way from the function's body down to a call.
struct Step {
  enum class Kind { Guard, Catch, Lambda, Wait };
  Kind kind;
  const Expr *cond = nullptr;          // Guard: holds (or, negated, fails) on the way
  bool negated = false;
  std::vector<const CallExpr *> carriers; // Lambda: the calls it is handed to, innermost last
  const CallExpr *wait = nullptr;      // Wait: a sleep, timer arm or project wait run before
};

/// A call that re-invokes the function, with the steps that lead to it.
struct Reinvocation {
  const CallExpr *call = nullptr;  // the re-invoking call, or the call that binds the function
  std::vector<Step> path;
};

std::string lowerName(const std::string &n) { return llvm::StringRef(unqualified(n)).lower(); }

/// The statement exits the enclosing function: a return or throw, or a block ending in one.
bool exits(const Stmt *s) {
  if (const auto *block = dyn_cast_or_null<CompoundStmt>(s))
    return !block->body_empty() && exits(block->body_back());
  return isa_and_nonnull<ReturnStmt>(s) || isa_and_nonnull<CXXThrowExpr>(s) ||
         (isa_and_nonnull<ExprWithCleanups>(s) && isa<CXXThrowExpr>(cast<ExprWithCleanups>(s)->getSubExpr()));
}

/// A statement that waits before what follows it, or arms a timer a later callback waits on.
const CallExpr *waitStatement(const Stmt *s) {
  const auto *e = dyn_cast_or_null<Expr>(s);
  const auto *call = e ? dyn_cast<CallExpr>(withoutTemporaries(e)) : nullptr;
  if (!call)
    return nullptr;
  const CallKind &kind = Vocabulary::current().of(call);
  if (kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait) || kind.is(CallRole::TimerArm) ||
      (kind.is(CallRole::MayWait) && !isDelayPolicyCall(call)))
    return call;
  return nullptr;
}

/// `e` is the object the function runs on: this, a copy of it (self = shared_from_this(),
/// a captured self, weak.lock()).
bool sameObject(const Expr *e, unsigned depth = 0) {
  if (!e || depth > 4)
    return false;
  e = withoutTemporaries(e)->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(e))
    return true;
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref)
    return sameObject(u->getSubExpr(), depth + 1);
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e);
      op && op->getNumArgs() == 1 && (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star))
    return sameObject(op->getArg(0), depth + 1);
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    std::string name = lowerName(calleeName(call));
    if (name == "shared_from_this" || name == "weak_from_this")
      return true;
    if (name == "lock" || name == "get")
      return sameObject(objectOf(call), depth + 1);
    return false;
  }
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && !isa<ParmVarDecl>(var))
      return sameObject(var->getInit(), depth + 1);
  return false;
}

/// Walks one function's body, lambdas included, and collects the calls that re-invoke it.
class PathWalker {
public:
  PathWalker(const FunctionDecl *fn) : fn(fn), canonical(fn->getCanonicalDecl()) {}

  std::vector<Reinvocation> found;
  /// Variables holding an attempt's outcome, in the function and its lambdas.
  llvm::SmallPtrSet<const VarDecl *, 8> outcomeVars;
  /// Variables and members stepped by ++, --, += or -=: attempt counters.
  llvm::SmallPtrSet<const Decl *, 8> stepped;

  void walk(const Stmt *s) {
    if (!s || depth >= MaxWalkDepth)
      return;
    ++depth;
    node(s);
    --depth;
  }

private:
  void node(const Stmt *s) {
    if (const auto *ifs = dyn_cast<IfStmt>(s)) {
      walk(ifs->getInit());
      walk(ifs->getConditionVariableDeclStmt());
      walk(ifs->getCond());
      path.push_back({Step::Kind::Guard, ifs->getCond()});
      walk(ifs->getThen());
      path.back().negated = true;
      walk(ifs->getElse());
      path.pop_back();
      return;
    }
    if (const auto *c = dyn_cast<ConditionalOperator>(s)) {
      walk(c->getCond());
      path.push_back({Step::Kind::Guard, c->getCond()});
      walk(c->getTrueExpr());
      path.back().negated = true;
      walk(c->getFalseExpr());
      path.pop_back();
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s)) {
      ++loops; // a call made once per element or iteration walks; the loop model reads loops
      for (const Stmt *child : s->children())
        walk(child);
      --loops;
      return;
    }
    if (const auto *tr = dyn_cast<CXXTryStmt>(s)) {
      walk(tr->getTryBlock());
      for (unsigned i = 0; i < tr->getNumHandlers(); ++i) {
        path.push_back({Step::Kind::Catch});
        walk(tr->getHandler(i)->getHandlerBlock());
        path.pop_back();
      }
      return;
    }
    if (const auto *block = dyn_cast<CompoundStmt>(s)) {
      size_t mark = path.size();
      for (const Stmt *child : block->body()) {
        walk(child);
        // if (ok) return; ...: what follows runs only when the test failed.
        if (const auto *ifs = dyn_cast<IfStmt>(child); ifs && !ifs->getElse() && exits(ifs->getThen()))
          path.push_back({Step::Kind::Guard, ifs->getCond(), true});
        if (const CallExpr *wait = waitStatement(child)) {
          Step step{Step::Kind::Wait};
          step.wait = wait;
          path.push_back(step);
        }
      }
      path.resize(mark);
      return;
    }
    if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
      Step step{Step::Kind::Lambda};
      step.carriers = carriers;
      for (const ParmVarDecl *p : lambda->getCallOperator()->parameters())
        noteOutcomeParam(p);
      int outerLoops = loops;
      loops = 0;
      std::vector<const CallExpr *> outerCarriers;
      outerCarriers.swap(carriers);
      path.push_back(step);
      walk(lambda->getBody());
      path.pop_back();
      carriers.swap(outerCarriers);
      loops = outerLoops;
      return;
    }
    if (const auto *ds = dyn_cast<DeclStmt>(s)) {
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
          noteOutcome(var, var->getInit());
          walk(var->getInit());
        }
      return;
    }
    noteStep(s);
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      if (loops == 0 && reinvokes(call))
        found.push_back({call, path});
      walk(call->getCallee());
      carriers.push_back(call);
      for (const Expr *arg : call->arguments()) {
        // std::bind(&Session::reconnect, shared_from_this()): the function handed on by name.
        if (loops == 0 && namesFunction(arg)) {
          Step step{Step::Kind::Lambda};
          step.carriers = carriers;
          path.push_back(step);
          found.push_back({call, path});
          path.pop_back();
        }
        walk(arg);
      }
      carriers.pop_back();
      return;
    }
    for (const Stmt *child : s->children())
      walk(child);
  }

  bool reinvokes(const CallExpr *call) const {
    if (const FunctionDecl *callee = call->getDirectCallee()) {
      if (callee->getCanonicalDecl() != canonical)
        return false;
    } else {
      // A call a template leaves unresolved (self->send() on a dependent type): by name.
      const Expr *named = call->getCallee()->IgnoreParenImpCasts();
      if (!isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr, UnresolvedLookupExpr>(named) ||
          unqualified(calleeName(call)) != fn->getNameAsString())
        return false;
    }
    const auto *method = dyn_cast<CXXMethodDecl>(fn);
    if (!method || method->isStatic())
      return true;
    const Expr *object = objectOf(call);
    return !object || sameObject(object);
  }

  bool namesFunction(const Expr *arg) const {
    const Expr *e = arg->IgnoreParenImpCasts();
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
      e = u->getSubExpr()->IgnoreParenImpCasts();
    const auto *ref = dyn_cast<DeclRefExpr>(e);
    const auto *target = ref ? dyn_cast<FunctionDecl>(ref->getDecl()) : nullptr;
    return target && target->getCanonicalDecl() == canonical && isa<CXXMethodDecl>(fn) &&
           carriers.size() >= 1 && calleeName(carriers.back()).find("bind") != std::string::npos &&
           carriers.back()->getNumArgs() >= 2 && sameObject(carriers.back()->getArg(1));
  }

  /// A variable assigned from an attempt holds its outcome.
  void noteOutcome(const VarDecl *var, const Expr *value) {
    bool fromAttempt = false;
    forEachDescendant(value, [&](const Stmt *x) {
      if (const auto *call = dyn_cast<CallExpr>(x))
        fromAttempt |= isAttemptCall(call);
      return !fromAttempt;
    });
    if (fromAttempt)
      outcomeVars.insert(var->getCanonicalDecl());
  }

  /// A callback's parameter that carries the outcome: an error code, a status, an exception.
  void noteOutcomeParam(const ParmVarDecl *p) {
    std::string type = llvm::StringRef(p->getType().getAsString()).lower();
    for (const char *word : {"error", "errc", "status", "exception", "result", "response", "reply"})
      if (type.find(word) != std::string::npos) {
        outcomeVars.insert(p);
        return;
      }
  }

  void noteStep(const Stmt *s) {
    const Expr *target = nullptr, *value = nullptr;
    if (const auto *u = dyn_cast<UnaryOperator>(s); u && u->isIncrementDecrementOp())
      target = u->getSubExpr();
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s);
        op && (op->getOperator() == OO_PlusPlus || op->getOperator() == OO_MinusMinus))
      target = op->getArg(0);
    if (const auto *b = dyn_cast<BinaryOperator>(s)) {
      if (b->getOpcode() == BO_AddAssign || b->getOpcode() == BO_SubAssign)
        target = b->getLHS();
      if (b->getOpcode() == BO_Assign)
        if (const auto *ref = dyn_cast<DeclRefExpr>(b->getLHS()->IgnoreParenImpCasts()))
          if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
            noteOutcome(var, value = b->getRHS());
    }
    if (!target)
      return;
    if (const Decl *d = policies::target(target->IgnoreParenImpCasts()))
      stepped.insert(d->getCanonicalDecl());
  }

  const FunctionDecl *fn;
  const FunctionDecl *canonical;
  std::vector<Step> path;
  std::vector<const CallExpr *> carriers;
  unsigned depth = 0;
  int loops = 0;
};

/// Each call goes to a different thing: node->next, hosts_[i + 1], plan.next_host(). A walk
/// or a failover, not a re-attempt of the same.
bool advances(const CallExpr *call, const FunctionDecl *fn) {
  auto isParam = [&](const Decl *d) {
    return std::any_of(fn->param_begin(), fn->param_end(), [&](const ParmVarDecl *p) { return p == d; });
  };
  auto usedAsIndex = [&](const ParmVarDecl *p) {
    bool indexed = false;
    forEachDescendant(fn->getBody(), [&](const Stmt *s) {
      const Expr *index = nullptr;
      if (const auto *sub = dyn_cast<ArraySubscriptExpr>(s))
        index = sub->getIdx();
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getOperator() == OO_Subscript)
        index = op->getArg(1);
      if (const auto *c = dyn_cast<CallExpr>(s); c && lowerName(calleeName(c)) == "at" && c->getNumArgs() == 1)
        index = c->getArg(0);
      indexed |= index && reads(index, p);
      return !indexed;
    });
    return indexed;
  };
  unsigned first = isa<CXXOperatorCallExpr>(call) ? 1 : 0;
  for (unsigned i = first; i < call->getNumArgs(); ++i) {
    const Expr *arg = call->getArg(i);
    if (callsMatching(arg, [](const std::string &n) { return lowerName(n).find("next") != std::string::npos; }, 0))
      return true;
    bool part = false;
    forEachDescendant(arg, [&](const Stmt *s) {
      if (const auto *m = dyn_cast<MemberExpr>(s)) {
        const Expr *base = m->getBase()->IgnoreParenImpCasts();
        if (const auto *ref = dyn_cast<DeclRefExpr>(base))
          part |= isParam(ref->getDecl());
      }
      part |= isa<ArraySubscriptExpr>(s);
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getOperator() == OO_Subscript)
        part = true;
      return !part;
    });
    if (part)
      return true;
    const Expr *bare = arg->IgnoreParenImpCasts();
    if (i - first < fn->getNumParams()) {
      const ParmVarDecl *p = fn->getParamDecl(i - first);
      const auto *ref = dyn_cast<DeclRefExpr>(bare);
      if (reads(arg, p) && !(ref && ref->getDecl() == p) && usedAsIndex(p))
        return true; // connect(index + 1) with hosts_[index]
    }
  }
  return false;
}

/// The delay a re-invocation waits, as found on its path.
struct Wait {
  const CallExpr *call = nullptr; // the timer arm, scheduler call or sleep; null: no wait
  const Expr *delay = nullptr;    // null when the wait's delay is not visible
};

/// The delay argument of a call that runs a callable later: the vocabulary's, else the first
/// argument of a duration type.
const Expr *scheduledDelay(const CallExpr *call) {
  const CallKind &kind = Vocabulary::current().of(call);
  if (kind.is(CallRole::ScheduleAfter) && kind.scheduleDelay.delayArg < call->getNumArgs())
    return call->getArg(kind.scheduleDelay.delayArg);
  for (const Expr *arg : call->arguments())
    if (!arg->getType()->isDependentType() && (Vocabulary::isDurationType(arg->getType()) || isDelayType(arg->getType())) &&
        !arg->getType()->isIntegerType())
      return arg;
  if (kind.is(CallRole::ScheduleAfter))
    for (const Expr *arg : call->arguments())
      if (arg->getType()->isIntegerType() && !arg->getType()->isBooleanType())
        return arg;
  return nullptr;
}

std::string objectText(const CallExpr *call, const ASTContext &ctx) {
  const Expr *object = objectOf(call);
  return object ? sourceText(object->getSourceRange(), ctx) : std::string();
}

/// Walks the path inward-out: the first carrier that runs the callable later, or a wait run
/// before the call.
std::optional<Wait> waitOn(const std::vector<Step> &path, const ASTContext &ctx) {
  Vocabulary &vocab = Vocabulary::current();
  for (size_t i = path.size(); i-- > 0;) {
    const Step &step = path[i];
    if (step.kind == Step::Kind::Wait) {
      const CallKind &kind = vocab.of(step.wait);
      if (kind.is(CallRole::TimerArm))
        continue; // armed for a callback: the callback's wait, below
      if ((kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait)) && kind.delay.delayArg < step.wait->getNumArgs())
        return Wait{step.wait, step.wait->getArg(kind.delay.delayArg)};
      return Wait{step.wait, nullptr};
    }
    if (step.kind != Step::Kind::Lambda)
      continue;
    for (auto it = step.carriers.rbegin(); it != step.carriers.rend(); ++it) {
      const CallExpr *carrier = *it;
      std::string name = lowerName(calleeName(carrier));
      if (name.find("wait") != std::string::npos && !vocab.is(carrier, CallRole::ScheduleAfter)) {
        // timer_.async_wait(cb): the delay is the one its timer was armed with before.
        std::string timer = objectText(carrier, ctx);
        for (size_t j = i; j-- > 0;)
          if (path[j].kind == Step::Kind::Wait && vocab.is(path[j].wait, CallRole::TimerArm) &&
              objectText(path[j].wait, ctx) == timer) {
            const CallKind &arm = vocab.of(path[j].wait);
            const CallExpr *armCall = path[j].wait;
            const Expr *d = arm.scheduleDelay.delayArg < armCall->getNumArgs() &&
                                    arm.scheduleDelay.unit != DelayUnit::TimePoint
                                ? armCall->getArg(arm.scheduleDelay.delayArg)
                                : nullptr;
            return Wait{armCall, d};
          }
        return Wait{carrier, nullptr};
      }
      if (const Expr *d = scheduledDelay(carrier))
        return Wait{carrier, d};
      if (vocab.is(carrier, CallRole::ScheduleAfter) || vocab.is(carrier, CallRole::MayWait))
        return Wait{carrier, nullptr};
      // Otherwise the callable continues when an attempt completes, or at once on an executor.
    }
  }
  return std::nullopt;
}

/// The expressions that feed a delay: it, and the initialisers of the locals it reads.
std::vector<const Expr *> delaySlice(const Expr *delay) {
  std::vector<const Expr *> slice{delay};
  llvm::SmallPtrSet<const VarDecl *, 8> seen;
  for (size_t i = 0; i < slice.size() && slice.size() < 16; ++i) {
    llvm::SmallPtrSet<const VarDecl *, 4> vars;
    collectReadVars(slice[i], vars);
    for (const VarDecl *v : vars)
      if (seen.insert(v).second && v->getInit() && !isa<ParmVarDecl>(v))
        slice.push_back(v->getInit());
  }
  return slice;
}

/// The delay's shape: a policy the link joins, a constant it evaluates, or unknown.
void describeDelay(const Wait &wait, RetryLoop &site, ASTContext &ctx) {
  SleepSite sleep;
  sleep.span = makeSpan(wait.call->getSourceRange(), ctx);
  sleep.sleepCall = calleeName(wait.call);
  DelayShape &shape = site.delay;
  shape.growth = GrowthKind::Unknown;
  if (!wait.delay) {
    sleep.unseen = true;
    site.sleeps.push_back(sleep);
    return;
  }
  std::vector<const Expr *> slice = delaySlice(wait.delay);
  sleep.delayPolicyUsr = delayPolicyUsrIn(slice);
  bool varies = false, random = false, errors = false;
  for (const Expr *x : slice) {
    errors |= x->containsErrors() || x->isValueDependent();
    random |= callsWithRole(x, CallRole::RandomSource, 2);
    forEachDescendant(x, [&](const Stmt *s) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(s))
        varies |= isa<ParmVarDecl>(ref->getDecl());
      if (const FieldDecl *f = thisField(dyn_cast<Expr>(s)))
        varies |= !f->getType().isConstQualified() && storedOutsideConstructors(f);
      if (const auto *call = dyn_cast<CallExpr>(s); call && !call->getDirectCallee())
        varies = true;
      return !varies;
    });
  }
  if (random)
    shape.jitter = JitterKind::Unknown;
  if (sleep.delayPolicyUsr.empty() && !varies && !random && !errors) {
    DelayEvaluator eval(ctx);
    if (std::optional<Quantity> q = eval.eval(wait.delay); q && !std::isnan(q->value) && q->value >= 0) {
      shape.growth = GrowthKind::Constant;
      sleep.scheduleMs = {q->value};
    }
  }
  site.sleeps.push_back(sleep);
}

/// What ends the cycle: a counter compared in a guard on the path, a deadline, or nothing.
AttemptBound boundOf(const std::vector<Step> &path, const PathWalker &w, const LoopAnatomy &a,
                     const llvm::SmallPtrSetImpl<const Decl *> &counters, ASTContext &ctx) {
  AttemptBound bound;
  bound.kind = AttemptBound::Kind::Unbounded;
  auto isCounter = [&](const Expr *e) {
    bool found = false;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *x = dyn_cast<Expr>(s))
        if (const Decl *d = policies::target(x->IgnoreParenImpCasts()))
          found |= counters.count(d->getCanonicalDecl()) > 0 ||
                   (isa<FieldDecl>(d) && namesRetry(cast<NamedDecl>(d)->getName()));
      return !found;
    });
    return found;
  };
  bool deadline = false;
  for (const Step &step : path) {
    if (step.kind != Step::Kind::Guard)
      continue;
    deadline |= testsDeadline(step.cond, a);
    std::optional<AttemptBound> counted;
    forEachDescendant(step.cond, [&](const Stmt *s) {
      const auto *b = dyn_cast<BinaryOperator>(s);
      if (counted || !b || !b->isRelationalOp())
        return !counted;
      const Expr *counter = b->getLHS(), *limit = b->getRHS();
      bool inclusive = b->getOpcode() == BO_LE || b->getOpcode() == BO_GE;
      if (!isCounter(counter))
        std::swap(counter, limit);
      if (!isCounter(counter) || isCounter(limit))
        return true;
      AttemptBound c;
      DelayEvaluator eval(ctx);
      std::optional<Quantity> n = limit->isValueDependent() ? std::nullopt : eval.eval(limit);
      if (n && n->kind == Quantity::Kind::Number && n->value >= 0 && n->value < 1e6) {
        // A parameter carries the attempt number (Run(attempt + 1): attempts 0 .. n - 1); a
        // member or variable counts the retries made on top of the first attempt.
        bool attemptNumber = false;
        forEachDescendant(counter, [&](const Stmt *x) {
          if (const auto *ref = dyn_cast<DeclRefExpr>(x))
            attemptNumber |= isa<ParmVarDecl>(ref->getDecl());
          return !attemptNumber;
        });
        c.kind = AttemptBound::Kind::Constant;
        c.count = static_cast<int64_t>(n->value) + (inclusive ? 1 : 0) + (attemptNumber ? 0 : 1);
      } else {
        c.kind = AttemptBound::Kind::Symbolic;
        c.symbol = sourceText(limit->getSourceRange(), ctx);
        c.exact = false;
      }
      counted = c;
      return false;
    });
    if (counted)
      return *counted;
  }
  (void)w;
  if (deadline)
    bound.kind = AttemptBound::Kind::Deadline;
  return bound;
}

/// The outcome the path implies: the innermost test that speaks of an outcome, or a catch.
Outcome pathOutcome(const std::vector<Step> &path, const LoopAnatomy &a) {
  Outcome result = Outcome::Unrelated;
  for (const Step &step : path) {
    if (step.kind == Step::Kind::Catch)
      result = Outcome::Failure;
    if (step.kind != Step::Kind::Guard)
      continue;
    Outcome o = classifyOutcomeTest(step.cond, a);
    if (step.negated)
      o = flip(o);
    if (o != Outcome::Unrelated)
      result = o;
  }
  return result;
}

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
  using Base = RecursiveASTVisitor<FunctionFinder>;

public:
  FunctionFinder(ASTContext &ctx, std::vector<RetryLoop> &out,
                 llvm::DenseMap<const Stmt *, int> &regions)
      : ctx(ctx), out(out), regions(regions) {}

  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }

  bool VisitFunctionDecl(FunctionDecl *fn) {
    if (!fn->doesThisDeclarationHaveABody() || !fn->getBody())
      return true;
    if (const auto *m = dyn_cast<CXXMethodDecl>(fn); m && m->getParent()->isLambda())
      return true;
    PathWalker walker(fn);
    for (const ParmVarDecl *p : fn->parameters())
      if (p->getType().getAsString().find("rror") != std::string::npos)
        walker.outcomeVars.insert(p);
    walker.walk(fn->getBody());
    if (walker.found.empty())
      return true;
    LoopAnatomy a;
    a.outcomeVars = walker.outcomeVars;
    for (const Reinvocation &r : walker.found) {
      if (pathOutcome(r.path, a) != Outcome::Failure || advances(r.call, fn))
        continue;
      describe(fn, r, walker, a);
      return true; // one site per cycle: the first re-invocation on a failure path
    }
    return true;
  }

private:
  void describe(const FunctionDecl *fn, const Reinvocation &r, const PathWalker &w, const LoopAnatomy &a) {
    RetryLoop site;
    site.functionUsr = usrOf(fn);
    site.functionName = fn->getQualifiedNameAsString();
    site.reinvokes = site.functionName;
    SourceLocation at = r.call->getBeginLoc();
    site.loop = makeSpan(SourceRange(at, at), ctx);

    llvm::SmallPtrSet<const Decl *, 8> counters(w.stepped.begin(), w.stepped.end());
    for (unsigned i = 0; i < r.call->getNumArgs() && i < fn->getNumParams(); ++i) {
      const ParmVarDecl *p = fn->getParamDecl(i);
      const auto *ref = dyn_cast<DeclRefExpr>(r.call->getArg(i)->IgnoreParenImpCasts());
      if (reads(r.call->getArg(i), p) && !(ref && ref->getDecl() == p))
        counters.insert(p); // Run(attempt + 1)
    }
    site.attempts = boundOf(r.path, w, a, counters, ctx);
    if (std::optional<Wait> wait = waitOn(r.path, ctx))
      describeDelay(*wait, site, ctx);

    for (const Step &step : r.path) {
      if (step.kind != Step::Kind::Guard)
        continue;
      forEachDescendant(step.cond, [&](const Stmt *s) {
        const auto *call = dyn_cast<CallExpr>(s);
        if (!call)
          return true;
        if (site.budgetCall.empty() && Vocabulary::current().is(call, CallRole::BudgetGate))
          site.budgetCall = calleeName(call);
        if (const FunctionDecl *callee = call->getDirectCallee(); callee && callee->getReturnType()->isBooleanType())
          if (std::string usr = usrOf(callee); !usr.empty())
            site.retryGateUsrs.push_back(usr);
        return true;
      });
    }
    // What the cycle retries: the attempts its function makes (for the fan-out model).
    std::string self = usrOf(fn);
    forEachDescendant(fn->getBody(), [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s); call && isAttemptCall(call))
        if (const Decl *callee = call->getCalleeDecl())
          if (std::string usr = usrOf(callee); !usr.empty() && usr != self)
            site.retriedCallUsrs.push_back(usr);
      return true;
    });
    for (auto *list : {&site.retriedCallUsrs, &site.retryGateUsrs}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    site.evidence.classifiesFailure = true;
    site.evidence.waits = !site.sleeps.empty();
    site.evidence.bounded = site.attempts.kind != AttemptBound::Kind::Unbounded;
    site.evidence.retryNames = namesRetry(fn->getNameAsString());
    regions[fn->getBody()] = static_cast<int>(out.size());
    out.push_back(std::move(site));
  }

  ASTContext &ctx;
  std::vector<RetryLoop> &out;
  llvm::DenseMap<const Stmt *, int> &regions;
};

} // namespace

void extractReinvocations(ASTContext &ctx, std::vector<RetryLoop> &out,
                          llvm::DenseMap<const Stmt *, int> &regions) {
  FunctionFinder(ctx, out, regions).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
