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
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <cmath>
#include <memory>
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
  bool implied = false;                // Guard: implied by an earlier `if (cond) return;`
  std::vector<const CallExpr *> carriers; // Lambda: the calls it is handed to, innermost last
  const CallExpr *wait = nullptr;      // Wait: a sleep, timer arm or project wait run before
};

/// A call from one function to itself or to another function of the same object, with the
/// steps that lead to it: one edge of a possible retry cycle.
struct Reinvocation {
  const CallExpr *call = nullptr;  // the call, or the call that binds the function (std::bind)
  const FunctionDecl *target = nullptr; // canonical
  bool bound = false;              // handed on by name, not called: its arguments are not seen
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
  if (!call || llvm::StringRef(lowerName(calleeName(call))).starts_with("async"))
    return nullptr; // timer.async_wait(cb) returns at once; cb runs later
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
  explicit PathWalker(const FunctionDecl *fn) : fn(fn), canonical(fn->getCanonicalDecl()) {
    for (const ParmVarDecl *p : fn->parameters())
      noteOutcomeParam(p);
  }

  std::vector<Reinvocation> found;
  /// Variables holding an attempt's outcome, in the function and its lambdas.
  llvm::SmallPtrSet<const VarDecl *, 8> outcomeVars;
  /// Variables and members stepped by ++, --, += or -=: attempt counters.
  llvm::SmallPtrSet<const Decl *, 8> stepped;
  /// The parameters of the lambdas: what a completed call hands its callback.
  llvm::SmallPtrSet<const VarDecl *, 8> callbackParams;
  /// The parameters of callbacks a timer runs: whether the timer fired or was cancelled, which
  /// says nothing about the attempt.
  llvm::SmallPtrSet<const VarDecl *, 4> timerStatus;

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
          path.push_back({Step::Kind::Guard, ifs->getCond(), true, true});
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
      bool timer = std::any_of(carriers.begin(), carriers.end(), [](const CallExpr *c) {
        return lowerName(calleeName(c)).find("wait") != std::string::npos ||
               Vocabulary::current().is(c, CallRole::ScheduleAfter);
      });
      for (const ParmVarDecl *p : lambda->getCallOperator()->parameters()) {
        noteOutcomeParam(p);
        callbackParams.insert(p);
        if (timer)
          timerStatus.insert(p);
      }
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
      if (const FunctionDecl *target = loops == 0 ? reinvokes(call) : nullptr)
        found.push_back({call, target, false, path});
      walk(call->getCallee());
      carriers.push_back(call);
      for (const Expr *arg : call->arguments()) {
        // std::bind(&Session::reconnect, shared_from_this()): the function handed on by name.
        if (const FunctionDecl *target = loops == 0 ? namesFunction(arg) : nullptr) {
          Step step{Step::Kind::Lambda};
          step.carriers = carriers;
          path.push_back(step);
          found.push_back({call, target, true, path});
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

  /// The function a call re-enters (canonical): this one, or another non-static method of its
  /// class called on the same object. Null for any other call.
  const FunctionDecl *reinvokes(const CallExpr *call) const {
    const auto *method = dyn_cast<CXXMethodDecl>(fn);
    const FunctionDecl *target = nullptr;
    if (const FunctionDecl *callee = call->getDirectCallee()) {
      target = callee->getCanonicalDecl();
      if (target != canonical && !sameClass(callee))
        return nullptr;
    } else {
      // A call a template leaves unresolved (self->send() on a dependent type): by name.
      const Expr *named = call->getCallee()->IgnoreParenImpCasts();
      if (!isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr, UnresolvedLookupExpr>(named) ||
          unqualified(calleeName(call)) != fn->getNameAsString())
        return nullptr;
      target = canonical;
    }
    if (!method || method->isStatic())
      return target == canonical ? target : nullptr;
    const Expr *object = objectOf(call);
    return !object || sameObject(object) ? target : nullptr;
  }

  /// Another non-static method of this method's class, defined in this TU.
  bool sameClass(const FunctionDecl *callee) const {
    const auto *method = dyn_cast<CXXMethodDecl>(fn);
    const auto *other = dyn_cast<CXXMethodDecl>(callee);
    return method && other && !other->isStatic() && !isa<CXXConstructorDecl, CXXDestructorDecl>(other) &&
           other->getParent()->getCanonicalDecl() == method->getParent()->getCanonicalDecl() &&
           other->hasBody();
  }

  /// bind(&Session::reconnect, shared_from_this()): a method of this object handed on by name.
  const FunctionDecl *namesFunction(const Expr *arg) const {
    const Expr *e = withoutTemporaries(arg)->IgnoreParenImpCasts();
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
      e = u->getSubExpr()->IgnoreParenImpCasts();
    const auto *ref = dyn_cast<DeclRefExpr>(e);
    const auto *target = ref ? dyn_cast<FunctionDecl>(ref->getDecl()) : nullptr;
    if (!target || !isa<CXXMethodDecl>(fn) || (target->getCanonicalDecl() != canonical && !sameClass(target)))
      return nullptr;
    const CallExpr *binder = carriers.empty() ? nullptr : carriers.back();
    if (!binder || calleeName(binder).find("bind") == std::string::npos || binder->getNumArgs() < 2 ||
        !sameObject(binder->getArg(1)))
      return nullptr;
    return target->getCanonicalDecl();
  }

  /// A variable assigned from an attempt holds its outcome, and so does one of an outcome's
  /// type (a status code decoded from a reply).
  void noteOutcome(const VarDecl *var, const Expr *value) {
    if (outcomeTyped(var)) {
      outcomeVars.insert(var->getCanonicalDecl());
      return;
    }
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
    if (outcomeTyped(p))
      outcomeVars.insert(p);
  }

  static bool outcomeTyped(const VarDecl *v) {
    std::string type = llvm::StringRef(v->getType().getAsString()).lower();
    for (const char *word : {"error", "errc", "status", "exception", "result", "response", "reply"})
      if (type.find(word) != std::string::npos)
        return true;
    return false;
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

/// `e` as passed on: without temporaries, copies and moves (on_connect(s), f(std::move(req))).
const Expr *passedOn(const Expr *e) {
  for (unsigned depth = 0; e && depth < 8; ++depth) {
    e = withoutTemporaries(e)->IgnoreParenImpCasts();
    if (const auto *c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 1)
      e = c->getArg(0);
    else if (const auto *call = dyn_cast<CallExpr>(e); call && call->getNumArgs() == 1 &&
                                                       lowerName(calleeName(call)) == "move")
      e = call->getArg(0);
    else
      break;
  }
  return e;
}

/// Each call goes to a different thing: node->next, hosts_[i + 1], plan.next_host(). A walk
/// or a failover, not a re-attempt of the same.
bool advances(const CallExpr *call, const FunctionDecl *fn, const PathWalker &w, bool retries = true) {
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
    // do_get(id, doc->links().staged_attempt_id()): fed by what the last call returned, it
    // follows the result (a redirect, a new id) rather than re-attempting the same. (A call
    // into an error handler, `retries` false, is given the error as a matter of course.)
    if (retries && !isa<DeclRefExpr>(passedOn(arg))) {
      llvm::SmallPtrSet<const VarDecl *, 4> vars;
      collectReadVars(arg, vars);
      for (const VarDecl *v : vars)
        if (w.callbackParams.count(v) || w.outcomeVars.count(v->getCanonicalDecl()))
          return true;
    }
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

/// A one-shot fallback, not a retry: the failure path switches a mode and tries once more in
/// it. Either the call passes the very enumerator or literal its guard rejects
/// (`if (creds != PRIMARY) Reset(PRIMARY)`), or a flag its guard tests is set on the way
/// (`if (!trying_old_rpc_) { trying_old_rpc_ = true; SendRpc(); }`).
bool switchesMode(const Reinvocation &r, const FunctionDecl *fn) {
  llvm::SmallPtrSet<const Decl *, 8> tested;
  for (const Step &step : r.path)
    if (step.kind == Step::Kind::Guard)
      forEachDescendant(step.cond, [&](const Stmt *s) {
        if (const auto *ref = dyn_cast<DeclRefExpr>(s))
          tested.insert(ref->getDecl()->getCanonicalDecl());
        if (const auto *x = dyn_cast<Expr>(s))
          if (const FieldDecl *f = thisField(x))
            tested.insert(f->getCanonicalDecl());
        return true;
      });
  for (const Expr *arg : r.call->arguments())
    if (const auto *ref = dyn_cast<DeclRefExpr>(passedOn(arg));
        ref && isa<EnumConstantDecl>(ref->getDecl()) && tested.count(ref->getDecl()->getCanonicalDecl()))
      return true;
  bool set = false;
  SourceLocation call = r.call->getBeginLoc();
  const SourceManager &sm = fn->getASTContext().getSourceManager();
  forEachDescendant(fn->getBody(), [&](const Stmt *s) {
    const auto *b = dyn_cast<BinaryOperator>(s);
    if (!b || b->getOpcode() != BO_Assign || !sm.isBeforeInTranslationUnit(b->getBeginLoc(), call))
      return !set;
    const Decl *d = policies::target(b->getLHS()->IgnoreParenImpCasts());
    const Expr *value = b->getRHS()->IgnoreParenImpCasts();
    set |= d && tested.count(d->getCanonicalDecl()) && isa<CXXBoolLiteralExpr>(value) &&
           d->getCanonicalDecl() != nullptr && !isa<ParmVarDecl>(d);
    return !set;
  });
  return set;
}

/// The delay a re-invocation waits, as found on its path.
struct Wait {
  const CallExpr *call = nullptr; // the timer arm, scheduler call or sleep; null: no wait
  const Expr *delay = nullptr;    // null when the wait's delay is not visible
  bool unknownCarrier = false;    // a call the vocabulary does not know runs the callable later
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

/// Hands a callable to an executor or a continuation, which runs it at once (or wraps it).
bool runsAtOnce(const CallExpr *call) {
  static const llvm::Regex Names("^(post|dispatch|defer|then|and_?then|invoke|submit|execute|"
                                 "bind[a-z_]*|make_?[a-z_]*handler|std::function)$");
  return Names.match(lowerName(calleeName(call)));
}

/// A call on an object whose class says it waits: delay(cb) on an async_constant_delay, a
/// backoff or retry timer.
bool waitsByClass(const CallExpr *call) {
  const auto *method = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee());
  if (!method)
    return false;
  std::string cls = llvm::StringRef(method->getParent()->getNameAsString()).lower();
  return cls.find("delay") != std::string::npos || cls.find("timer") != std::string::npos ||
         namesRetry(cls);
}

/// Walks the path inward-out: the first carrier that runs the callable later, or a wait run
/// before the call. A callable handed to an unknown call after the failure was seen
/// (`decidedAt`, the step that decided it) runs when that call says: an unseen wait. One that
/// the failed call itself runs on completion (the decision is inside it) adds no wait.
std::optional<Wait> waitOn(const std::vector<Step> &path, size_t decidedAt, const ASTContext &ctx) {
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
      if (vocab.is(carrier, CallRole::ScheduleAfter) || vocab.is(carrier, CallRole::MayWait) ||
          waitsByClass(carrier))
        return Wait{carrier, nullptr};
      if (i > decidedAt && !runsAtOnce(carrier))
        return Wait{carrier, nullptr, true};
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
AttemptBound boundOf(const std::vector<Step> &path, const LoopAnatomy &a,
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
  if (deadline)
    bound.kind = AttemptBound::Kind::Deadline;
  return bound;
}

/// The outcome the path implies: the innermost branch, early exit or catch that speaks of an
/// outcome held in a variable (a call tested in place, `if (!strand_.running_in_this_thread())`,
/// is no attempt's outcome here). A timer callback's `if (ec) return;` is how a cancelled timer
/// stops, and says nothing of what is retried.
Outcome pathOutcome(const std::vector<Step> &path, const LoopAnatomy &a,
                    const llvm::SmallPtrSetImpl<const VarDecl *> &timerStatus, size_t *decidedAt = nullptr) {
  Outcome result = Outcome::Unrelated;
  for (size_t i = 0; i < path.size(); ++i) {
    const Step &step = path[i];
    if (step.kind == Step::Kind::Catch) {
      result = Outcome::Failure;
      if (decidedAt)
        *decidedAt = i;
    }
    if (step.kind != Step::Kind::Guard)
      continue;
    llvm::SmallPtrSet<const VarDecl *, 4> vars;
    collectReadVars(step.cond, vars);
    bool outcome = false;
    for (const VarDecl *v : vars)
      outcome |= a.outcomeVars.count(v->getCanonicalDecl()) > 0 && !timerStatus.count(v);
    if (!outcome)
      continue;
    Outcome o = classifyOutcomeTest(step.cond, a);
    if (step.negated)
      o = flip(o);
    if (o != Outcome::Unrelated) {
      result = o;
      if (decidedAt)
        *decidedAt = i;
    }
  }
  return result;
}

/// One function of the TU, walked once: its edges and what its tests can read as outcomes.
struct FunctionEdges {
  const FunctionDecl *fn;
  std::unique_ptr<PathWalker> walker;
  LoopAnatomy anatomy;
};

/// One edge of a cycle: `edge` is made by `from`.
struct CycleEdge {
  const FunctionEdges *from;
  const Reinvocation *edge;
};

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
    auto walker = std::make_unique<PathWalker>(fn);
    walker->walk(fn->getBody());
    if (walker->found.empty())
      return true;
    FunctionEdges f{fn, std::move(walker), {}};
    f.anatomy.outcomeVars = f.walker->outcomeVars;
    byDecl[fn->getCanonicalDecl()] = functions.size();
    functions.push_back(std::move(f));
    return true;
  }

  /// One site per cycle: a function that re-invokes itself on failure first, then cycles of
  /// two or three functions of one object (F schedules G on failure, G calls F).
  void finish() {
    for (const FunctionEdges &f : functions)
      for (const Reinvocation &r : f.walker->found)
        if (r.target == f.fn->getCanonicalDecl() && outcome({&f, &r}) == Outcome::Failure &&
            (r.bound || !advances(r.call, f.fn, *f.walker)) && !switchesMode(r, f.fn)) {
          covered.insert(r.target);
          describe({{&f, &r}}, 0);
          break;
        }
    for (const FunctionEdges &f : functions) {
      const FunctionDecl *self = f.fn->getCanonicalDecl();
      for (const Reinvocation &e1 : f.walker->found) {
        const FunctionEdges *g = other(e1.target, {self});
        if (!g)
          continue;
        for (const Reinvocation &e2 : g->walker->found) {
          if (e2.target == self) {
            consider({{&f, &e1}, {g, &e2}});
            continue;
          }
          const FunctionEdges *h = other(e2.target, {self, e1.target});
          if (!h)
            continue;
          for (const Reinvocation &e3 : h->walker->found)
            if (e3.target == self)
              consider({{&f, &e1}, {g, &e2}, {h, &e3}});
        }
      }
    }
  }

private:
  /// The walked function `target`, when it is none of `not` and in no reported cycle.
  const FunctionEdges *other(const FunctionDecl *target, std::initializer_list<const FunctionDecl *> exclude) {
    if (std::find(exclude.begin(), exclude.end(), target) != exclude.end() || covered.count(target))
      return nullptr;
    auto it = byDecl.find(target);
    return it == byDecl.end() ? nullptr : &functions[it->second];
  }

  static Outcome outcome(const CycleEdge &e) {
    return pathOutcome(e.edge->path, e.from->anatomy, e.from->walker->timerStatus);
  }

  /// A cycle is a retry when one of its edges runs on a failure path, none on success, and no
  /// call moves on to another thing.
  void consider(const std::vector<CycleEdge> &cycle) {
    // The edge that retries: on a failure path, the one that waits if one does (a call into an
    // error handler is on a failure path too), else the last.
    int failure = -1;
    bool waits = false;
    for (size_t i = 0; i < cycle.size(); ++i) {
      Outcome o = outcome(cycle[i]);
      if (o == Outcome::Success || covered.count(cycle[i].edge->target))
        return;
      if (o != Outcome::Failure || waits)
        continue;
      size_t decidedAt = SIZE_MAX;
      pathOutcome(cycle[i].edge->path, cycle[i].from->anatomy, cycle[i].from->walker->timerStatus, &decidedAt);
      waits = waitOn(cycle[i].edge->path, decidedAt, ctx).has_value();
      failure = static_cast<int>(i);
    }
    if (failure < 0 || switchesMode(*cycle[failure].edge, cycle[failure].from->fn))
      return;
    for (size_t i = 0; i < cycle.size(); ++i) {
      const FunctionEdges *to = &functions[byDecl.at(cycle[i].edge->target)];
      if (!cycle[i].edge->bound &&
          advances(cycle[i].edge->call, to->fn, *cycle[i].from->walker, static_cast<int>(i) == failure))
        return;
    }
    for (const CycleEdge &e : cycle)
      covered.insert(e.edge->target);
    describe(cycle, static_cast<size_t>(failure));
  }

  /// The site: at the call that schedules the next attempt when one does, else at the call on
  /// the failure path; it re-invokes the function that call leads back to.
  void describe(const std::vector<CycleEdge> &cycle, size_t failure) {
    const FunctionDecl *retried = functions[byDecl.at(cycle[failure].edge->target)].fn;
    size_t at = failure;
    std::optional<Wait> wait;
    for (size_t k = 0; k < cycle.size() && !wait; ++k) {
      size_t i = (failure + k) % cycle.size();
      size_t decidedAt = SIZE_MAX; // on the other edges, every carrier runs a completed call's callback
      if (i == failure)
        pathOutcome(cycle[i].edge->path, cycle[i].from->anatomy, cycle[i].from->walker->timerStatus, &decidedAt);
      if ((wait = waitOn(cycle[i].edge->path, decidedAt, ctx)))
        at = i;
    }
    const FunctionDecl *fn = cycle[at].from->fn;
    // Handed after a failure to a call that is neither a timer nor a scheduler (defer_command
    // until configured, a queue): a retry only when a name says so.
    if (wait && wait->unknownCarrier) {
      bool named = namesRetry(calleeName(wait->call));
      for (const CycleEdge &e : cycle)
        named |= namesRetry(e.from->fn->getNameAsString());
      if (!named)
        return;
    }
    // With no wait, a cycle of several functions through one that takes the next address or
    // host is a failover walking a list (its own wait, if any, comes when the list is
    // exhausted). A function that calls itself again is its own attempt, whichever node it picks.
    if (!wait && cycle.size() > 1)
      for (const CycleEdge &e : cycle)
        if (callsMatching(e.from->fn->getBody(), [](const std::string &n) {
              return lowerName(n).find("next") != std::string::npos;
            }, 0))
          return;
    RetryLoop site;
    site.functionUsr = usrOf(fn);
    site.functionName = fn->getQualifiedNameAsString();
    site.reinvokes = retried->getQualifiedNameAsString();
    SourceLocation loc = cycle[at].edge->call->getBeginLoc();
    site.loop = makeSpan(SourceRange(loc, loc), ctx);

    llvm::SmallPtrSet<const Decl *, 8> counters;
    for (const CycleEdge &e : cycle) {
      counters.insert(e.from->walker->stepped.begin(), e.from->walker->stepped.end());
      const FunctionDecl *to = functions[byDecl.at(e.edge->target)].fn;
      const CallExpr *call = e.edge->call;
      for (unsigned i = 0; !e.edge->bound && i < call->getNumArgs() && i < to->getNumParams(); ++i) {
        const ParmVarDecl *p = to->getParamDecl(i);
        const auto *ref = dyn_cast<DeclRefExpr>(call->getArg(i)->IgnoreParenImpCasts());
        if (reads(call->getArg(i), p) && !(ref && ref->getDecl() == p))
          counters.insert(p); // Run(attempt + 1)
      }
    }
    site.attempts.kind = AttemptBound::Kind::Unbounded;
    for (const CycleEdge &e : cycle) {
      AttemptBound b = boundOf(e.edge->path, e.from->anatomy, counters, ctx);
      if (b.kind == AttemptBound::Kind::Constant || b.kind == AttemptBound::Kind::Symbolic ||
          site.attempts.kind == AttemptBound::Kind::Unbounded)
        site.attempts = b;
      if (b.kind == AttemptBound::Kind::Constant || b.kind == AttemptBound::Kind::Symbolic)
        break;
    }
    if (wait)
      describeDelay(*wait, site, ctx);
    // A delay object (async_exp_delay, a retry timer) may count the attempts it waits for: with
    // no bound seen here, the bound is unknown rather than absent.
    if (wait && site.attempts.kind == AttemptBound::Kind::Unbounded && waitsByClass(wait->call))
      site.attempts.kind = AttemptBound::Kind::Unknown;

    for (const CycleEdge &e : cycle)
      for (const Step &step : e.edge->path) {
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
    // What the cycle retries: the attempts its functions make (for the fan-out model).
    std::vector<std::string> own;
    for (const CycleEdge &e : cycle)
      own.push_back(usrOf(e.from->fn));
    int index = static_cast<int>(out.size());
    for (const CycleEdge &e : cycle) {
      forEachDescendant(e.from->fn->getBody(), [&](const Stmt *s) {
        if (const auto *call = dyn_cast<CallExpr>(s); call && isAttemptCall(call))
          if (const Decl *callee = call->getCalleeDecl())
            if (std::string usr = usrOf(callee); !usr.empty() && std::find(own.begin(), own.end(), usr) == own.end())
              site.retriedCallUsrs.push_back(usr);
        return true;
      });
      regions.try_emplace(e.from->fn->getBody(), index);
    }
    for (auto *list : {&site.retriedCallUsrs, &site.retryGateUsrs}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    site.evidence.classifiesFailure = true;
    site.evidence.waits = !site.sleeps.empty();
    site.evidence.bounded = site.attempts.kind != AttemptBound::Kind::Unbounded;
    for (const CycleEdge &e : cycle)
      site.evidence.retryNames |= namesRetry(e.from->fn->getNameAsString());
    out.push_back(std::move(site));
  }

  ASTContext &ctx;
  std::vector<RetryLoop> &out;
  llvm::DenseMap<const Stmt *, int> &regions;
  std::vector<FunctionEdges> functions;
  llvm::DenseMap<const FunctionDecl *, size_t> byDecl;
  llvm::SmallPtrSet<const FunctionDecl *, 8> covered;
};

} // namespace

void extractReinvocations(ASTContext &ctx, std::vector<RetryLoop> &out,
                          llvm::DenseMap<const Stmt *, int> &regions) {
  FunctionFinder finder(ctx, out, regions);
  finder.TraverseDecl(ctx.getTranslationUnitDecl());
  finder.finish();
}

} // namespace retrylint
