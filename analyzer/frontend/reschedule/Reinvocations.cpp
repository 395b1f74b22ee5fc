#include "frontend/reschedule/Reinvocations.h"

#include "frontend/reschedule/ReinvocationPaths.h"
#include "frontend/reschedule/ReinvocationWaits.h"
#include "frontend/reschedule/Requeues.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Subscripts.h"
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
#include <memory>
#include <optional>

using namespace clang;

namespace retrylint {
namespace {

using namespace reschedule;

using policies::isDelayType;
using policies::reads;
using policies::storedOutsideConstructors;
using policies::thisField;

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
      const Expr *index = subscriptIndex(s);
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
  // KillAndWait(SIGKILL) under `if (signal == SIGKILL) ... else`: an escalation to the value a
  // guard on the path compares the parameter with, taken once.
  const ASTContext &ctx = fn->getASTContext();
  for (unsigned i = 0; i < r.call->getNumArgs() && i < fn->getNumParams(); ++i) {
    const Expr *arg = r.call->getArg(i);
    Expr::EvalResult passed;
    if (arg->isValueDependent() || !arg->EvaluateAsInt(passed, ctx))
      continue;
    const ParmVarDecl *param = fn->getParamDecl(i);
    for (const Step &step : r.path) {
      if (step.kind != Step::Kind::Guard)
        continue;
      bool compared = false;
      forEachDescendant(step.cond, [&](const Stmt *s) {
        const auto *b = dyn_cast<BinaryOperator>(s);
        if (!b || !b->isEqualityOp())
          return true;
        for (auto [side, other] : {std::pair{b->getLHS(), b->getRHS()}, std::pair{b->getRHS(), b->getLHS()}}) {
          const auto *p = dyn_cast<DeclRefExpr>(side->IgnoreParenImpCasts());
          Expr::EvalResult value;
          compared |= p && p->getDecl()->getCanonicalDecl() == param->getCanonicalDecl() &&
                      !other->isValueDependent() && other->EvaluateAsInt(value, ctx) &&
                      value.Val.getInt() == passed.Val.getInt();
        }
        return !compared;
      });
      if (compared)
        return true;
    }
  }
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

/// `fn` does its work only after taking a member out of the object (if (auto h =
/// std::move(handler_); h) { ... }): a second call finds it empty and does nothing.
bool takesMemberOnce(const FunctionDecl *fn) {
  auto taken = [](const VarDecl *v) {
    const Expr *init = v && v->getInit() ? withoutTemporaries(v->getInit())->IgnoreParenImpCasts() : nullptr;
    if (const auto *c = dyn_cast_or_null<CXXConstructExpr>(init); c && c->getNumArgs() == 1)
      init = withoutTemporaries(c->getArg(0))->IgnoreParenImpCasts();
    const auto *call = dyn_cast_or_null<CallExpr>(init);
    if (!call)
      return false;
    std::string n = lowerName(calleeName(call));
    if ((n == "move" || n == "exchange") && call->getNumArgs() >= 1)
      return thisField(call->getArg(0)) != nullptr;
    if (const auto *m = dyn_cast<CXXMemberCallExpr>(call); m && n == "release")
      return thisField(m->getImplicitObjectArgument()) != nullptr;
    return false;
  };
  const auto *body = dyn_cast_or_null<CompoundStmt>(fn ? fn->getBody() : nullptr);
  if (!body)
    return false;
  for (const Stmt *s : body->body()) {
    const auto *ifs = dyn_cast<IfStmt>(s);
    if (!ifs)
      continue;
    const VarDecl *v = ifs->getConditionVariable();
    if (!v)
      if (const auto *init = dyn_cast_or_null<DeclStmt>(ifs->getInit()); init && init->isSingleDecl())
        v = dyn_cast<VarDecl>(init->getSingleDecl());
    if (v && taken(v) && policies::reads(ifs->getCond(), v->getCanonicalDecl()))
      return true;
  }
  return false;
}

/// The failure that leads to the call is raised at most once: every call of the try block that
/// the catch handles is one that takes its member once (a completion handler moved out before it
/// runs). A second attempt cannot fail the same way, so the re-invocation happens once.
bool raisedOnce(const Reinvocation &r, const FunctionDecl *fn) {
  // A call a template leaves unresolved (self->finish(...) on a dependent type): the methods of
  // this class of that name.
  auto ownMethods = [&](const CallExpr *call) {
    std::vector<const FunctionDecl *> out;
    const auto *method = dyn_cast<CXXMethodDecl>(fn);
    const Expr *named = call->getCallee()->IgnoreParenImpCasts();
    if (!method || !isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr>(named))
      return out;
    std::string name = unqualified(calleeName(call));
    for (const CXXMethodDecl *m : method->getParent()->methods())
      if (m->getNameAsString() == name && m->hasBody())
        out.push_back(m->getDefinition());
    return out;
  };
  for (const Step &step : r.path) {
    if (step.kind != Step::Kind::Catch || !step.tryStmt)
      continue;
    bool any = false, all = true;
    forEachDescendant(step.tryStmt->getTryBlock(), [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      if (!call)
        return true;
      std::vector<const FunctionDecl *> callees = ownMethods(call);
      if (callees.empty() && isAttemptCall(call))
        if (const FunctionDecl *callee = calleeWithBody(call))
          callees.push_back(callee);
      for (const FunctionDecl *callee : callees) {
        any = true;
        all &= takesMemberOnce(callee);
      }
      return true;
    });
    if (any && all)
      return true;
  }
  return false;
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
    // if (auto ec = error_if_expired(...)) return ...;: the test is the call that gave the value.
    llvm::SmallPtrSet<const VarDecl *, 4> tested;
    collectReadVars(step.cond, tested);
    for (const VarDecl *v : tested)
      if (const auto *init = dyn_cast_or_null<CallExpr>(v->getInit() ? withoutTemporaries(v->getInit()) : nullptr))
        deadline |= namesDeadline(unqualified(calleeName(init)));
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

/// The outcome a switch's case group implies: failure when every label names a failure, success
/// when one names success; a default, a fallthrough, or a value the names do not settle, says
/// nothing.
Outcome caseOutcome(const Step &step, const LoopAnatomy &a) {
  if (step.unsettled)
    return Outcome::Unrelated;
  bool failure = true;
  for (const Expr *value : step.cases) {
    Outcome o = classifyOutcomeCase(step.cond, value, a);
    if (o == Outcome::Success)
      return Outcome::Success;
    failure &= o == Outcome::Failure;
  }
  return failure ? Outcome::Failure : Outcome::Unrelated;
}

/// `cond` only compares with named values (status == busy || status == locked): true for some
/// outcomes, not for every failure.
bool namesFailureValues(const Expr *cond) {
  cond = cond->IgnoreParenImpCasts();
  if (const auto *b = dyn_cast<BinaryOperator>(cond); b && b->getOpcode() == BO_LOr)
    return namesFailureValues(b->getLHS()) && namesFailureValues(b->getRHS());
  const Expr *l = nullptr, *r = nullptr;
  if (const auto *b = dyn_cast<BinaryOperator>(cond); b && b->getOpcode() == BO_EQ)
    l = b->getLHS(), r = b->getRHS();
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(cond); op && op->getOperator() == OO_EqualEqual)
    l = op->getArg(0), r = op->getArg(1);
  auto named = [](const Expr *e) {
    const auto *ref = e ? dyn_cast<DeclRefExpr>(withoutTemporaries(e)->IgnoreParenImpCasts()) : nullptr;
    return ref && isa<EnumConstantDecl>(ref->getDecl());
  };
  return named(l) || named(r);
}

/// The guard asks a policy's answer whether to retry (`action.need_to_retry()`, no argument): a
/// decision taken by a policy the model may not see. A classifier handed the outcome
/// (`IsRetryable(status)`) is no such decision: it bounds nothing.
bool decidesRetry(const Step &step) {
  if (step.kind != Step::Kind::Guard || !step.cases.empty())
    return false;
  bool asked = false;
  forEachDescendant(step.cond, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s); call && call->getNumArgs() == 0 && objectOf(call))
      asked |= namesRetry(unqualified(calleeName(call)));
    return !asked;
  });
  return asked;
}

/// The outcome the path implies: the innermost branch, early exit or catch that speaks of an
/// outcome held in a variable (a call tested in place, `if (!strand_.running_in_this_thread())`,
/// is no attempt's outcome here). A timer callback's `if (ec) return;` is how a cancelled timer
/// stops, and says nothing of what is retried. Past a decision to retry, a success is that of
/// the retry's own bookkeeping (the request parked on a retry queue), not of the attempt.
Outcome pathOutcome(const std::vector<Step> &path, const LoopAnatomy &a,
                    const llvm::SmallPtrSetImpl<const VarDecl *> &timerStatus, size_t *decidedAt = nullptr) {
  Outcome result = Outcome::Unrelated;
  bool retryDecided = false;
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
    Outcome o = step.cases.empty() && !step.unsettled ? classifyOutcomeTest(step.cond, a) : caseOutcome(step, a);
    // if (status == auth_continue) return; after a failure was seen: "not this one failure"
    // narrows the failure, it does not make it a success.
    if (step.negated && o == Outcome::Failure && result == Outcome::Failure && namesFailureValues(step.cond))
      continue;
    if (step.negated)
      o = flip(o);
    if (o == Outcome::Success && result == Outcome::Failure && retryDecided)
      continue;
    retryDecided |= o == Outcome::Failure && decidesRetry(step);
    if (o != Outcome::Unrelated) {
      result = o;
      if (decidedAt)
        *decidedAt = i;
    }
  }
  return result;
}

/// The budget gate and the boolean calls the guards on a path ask before the retry.
void noteGates(const std::vector<Step> &path, RetryLoop &site) {
  for (const Step &step : path) {
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
}

void sortGates(RetryLoop &site) {
  std::sort(site.retryGateUsrs.begin(), site.retryGateUsrs.end());
  site.retryGateUsrs.erase(std::unique(site.retryGateUsrs.begin(), site.retryGateUsrs.end()),
                           site.retryGateUsrs.end());
}

/// A guard on the path asks whether retries are left (tracker->has_retries_left()): a bound
/// the model cannot count, not none.
bool asksRetriesLeft(const std::vector<Step> &path) {
  for (const Step &step : path)
    if (step.kind == Step::Kind::Guard && !step.negated &&
        callsMatching(step.cond, [](const std::string &n) { return namesRetry(unqualified(n)); }, 0))
      return true;
  return false;
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
    if (walker->found.empty() && walker->queued.empty())
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
    passOnTimerStatus();
    for (const FunctionEdges &f : functions)
      for (const Reinvocation &r : f.walker->found)
        if (resolve(r.target) == f.fn->getCanonicalDecl() && outcome({&f, &r}) == Outcome::Failure &&
            (r.bound || !advances(r.call, f.fn, *f.walker)) && !switchesMode(r, f.fn) &&
            !raisedOnce(r, f.fn) && !rearmedOnSuccess({{&f, &r}}, r.target)) {
          describe({{&f, &r}}, 0);
          // Through a helper of another TU, the cycle may not exist: the other cycles stay open.
          if (!r.helper) {
            covered.insert(resolve(r.target));
            break;
          }
        }
    for (const FunctionEdges &f : functions) {
      const FunctionDecl *self = f.fn->getCanonicalDecl();
      for (const Reinvocation &e1 : f.walker->found) {
        const FunctionEdges *g = other(e1.target, {self});
        if (!g)
          continue;
        for (const Reinvocation &e2 : g->walker->found) {
          if (resolve(e2.target) == self) {
            consider({{&f, &e1}, {g, &e2}});
            continue;
          }
          const FunctionEdges *h = other(e2.target, {self, resolve(e1.target)});
          if (!h)
            continue;
          for (const Reinvocation &e3 : h->walker->found)
            if (resolve(e3.target) == self)
              consider({{&f, &e1}, {g, &e2}, {h, &e3}});
        }
      }
    }
    findRequeues();
  }

private:
  /// The function a call of `target` runs: through forwarders (an overload that only calls
  /// another, `void reconnect() { reconnect(std::nullopt); }`), which are no step of a cycle.
  const FunctionDecl *resolve(const FunctionDecl *target) const {
    for (int hops = 0; hops < 3; ++hops) {
      auto it = byDecl.find(target);
      if (it == byDecl.end())
        break;
      const FunctionEdges &f = functions[it->second];
      const auto *body = dyn_cast<CompoundStmt>(f.fn->getBody());
      const std::vector<Reinvocation> &found = f.walker->found;
      if (!body || body->size() != 1 || found.size() != 1 || !found[0].path.empty() || found[0].bound ||
          withoutTemporaries(dyn_cast<Expr>(body->body_front())) != found[0].call ||
          found[0].target == target || !byDecl.count(found[0].target))
        break;
      target = found[0].target;
    }
    return target;
  }

  /// A timer's callback that hands whether the timer fired to a method (`self->on_timer(ec)`):
  /// in that method too, the parameter says nothing about the attempt.
  void passOnTimerStatus() {
    for (int round = 0; round < 2; ++round)
      for (const FunctionEdges &f : functions)
        for (const Reinvocation &r : f.walker->found) {
          auto it = byDecl.find(r.target);
          if (r.bound || it == byDecl.end())
            continue;
          const FunctionDecl *to = functions[it->second].fn;
          unsigned first = isa<CXXOperatorCallExpr>(r.call) ? 1 : 0;
          for (unsigned i = first; i < r.call->getNumArgs() && i - first < to->getNumParams(); ++i)
            if (const auto *ref = dyn_cast<DeclRefExpr>(passedOn(r.call->getArg(i))))
              if (const auto *v = dyn_cast<VarDecl>(ref->getDecl()); v && f.walker->timerStatus.count(v))
                functions[it->second].walker->timerStatus.insert(to->getParamDecl(i - first));
        }
  }

  /// The walked function `target`, when it is none of `not` and in no reported cycle.
  const FunctionEdges *other(const FunctionDecl *target, std::initializer_list<const FunctionDecl *> exclude) {
    target = resolve(target);
    if (std::find(exclude.begin(), exclude.end(), target) != exclude.end() || covered.count(target))
      return nullptr;
    auto it = byDecl.find(target);
    return it == byDecl.end() ? nullptr : &functions[it->second];
  }

  static Outcome outcome(const CycleEdge &e) {
    return pathOutcome(e.edge->path, e.from->anatomy, e.from->walker->timerStatus);
  }

  /// A function of the cycle also re-invokes `target` on a success path: it runs again whatever
  /// the outcome (a discovery timer re-armed after every round), so the cycle is periodic and
  /// its re-arm on failure is no retry.
  bool rearmedOnSuccess(const std::vector<CycleEdge> &cycle, const FunctionDecl *target) const {
    target = resolve(target);
    for (const CycleEdge &e : cycle)
      for (const Reinvocation &r : e.from->walker->found)
        if (resolve(r.target) == target && outcome({e.from, &r}) == Outcome::Success)
          return true;
    return false;
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
      if (o == Outcome::Success || covered.count(resolve(cycle[i].edge->target)))
        return;
      if (o != Outcome::Failure || waits)
        continue;
      size_t decidedAt = SIZE_MAX;
      pathOutcome(cycle[i].edge->path, cycle[i].from->anatomy, cycle[i].from->walker->timerStatus, &decidedAt);
      waits = waitOn(cycle[i].edge->path, decidedAt, ctx).has_value();
      failure = static_cast<int>(i);
    }
    if (failure < 0 || switchesMode(*cycle[failure].edge, cycle[failure].from->fn) ||
        raisedOnce(*cycle[failure].edge, cycle[failure].from->fn) ||
        rearmedOnSuccess(cycle, cycle[failure].edge->target))
      return;
    for (size_t i = 0; i < cycle.size(); ++i) {
      const FunctionEdges *to = &functions[byDecl.at(cycle[i].edge->target)];
      if (!cycle[i].edge->bound &&
          advances(cycle[i].edge->call, to->fn, *cycle[i].from->walker, static_cast<int>(i) == failure))
        return;
    }
    if (!throughHelper(cycle))
      for (const CycleEdge &e : cycle)
        covered.insert(resolve(e.edge->target));
    describe(cycle, static_cast<size_t>(failure));
  }

  /// The edge of the cycle that goes through a helper of another TU, if one does.
  static const Reinvocation *throughHelper(const std::vector<CycleEdge> &cycle) {
    for (const CycleEdge &e : cycle)
      if (e.edge->helper)
        return e.edge;
    return nullptr;
  }

  /// A cycle through a helper of another TU from a function already described as re-invoking
  /// through it (another method the helper may run, another failure branch calling it): one
  /// site per function, as for the cycles seen whole, with one more method to look up.
  bool mergedThroughHelper(const Reinvocation &through, const std::string &functionUsr) {
    std::string helperUsr = usrOf(through.helper);
    for (RetryLoop &site : out)
      if (site.scheduledThrough.helperUsr == helperUsr && site.functionUsr == functionUsr) {
        std::vector<std::string> &methods = site.scheduledThrough.methodUsrs;
        if (std::string usr = usrOf(through.declared); std::find(methods.begin(), methods.end(), usr) == methods.end())
          methods.push_back(usr);
        return true;
      }
    return false;
  }

  /// The site: at the call that schedules the next attempt when one does, else at the call on
  /// the failure path; it re-invokes the function that call leads back to.
  void describe(const std::vector<CycleEdge> &cycle, size_t failure) {
    const FunctionDecl *retried = functions[byDecl.at(resolve(cycle[failure].edge->target))].fn;
    // The step of the failure edge's path that decided it failed.
    const CycleEdge &failed = cycle[failure];
    size_t failedAt = SIZE_MAX;
    pathOutcome(failed.edge->path, failed.from->anatomy, failed.from->walker->timerStatus, &failedAt);
    size_t at = failure;
    std::optional<Wait> wait;
    for (size_t k = 0; k < cycle.size() && !wait; ++k) {
      size_t i = (failure + k) % cycle.size();
      // On the other edges, every carrier runs a completed call's callback.
      size_t decidedAt = i == failure ? failedAt : SIZE_MAX;
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
    if (const Reinvocation *through = throughHelper(cycle)) {
      if (mergedThroughHelper(*through, site.functionUsr))
        return;
      site.scheduledThrough = {usrOf(through->helper), static_cast<int>(through->helperParam),
                               {usrOf(through->declared)}};
    }

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
    // No wait after the failure was seen, but the failure arrives in the completion of an
    // asynchronous call (session->connect(cb), client->CommitAsync(cb)): that call may wait
    // or time out before it completes, so the delay is unknown, not "none".
    std::optional<Wait> completion;
    if (!wait) {
      bool storedCallback = false; // auto cb = [..]{..}; Async(..., std::move(cb))
      for (size_t k = 0; k < failed.edge->path.size() && k < failedAt; ++k)
        if (const Step &step = failed.edge->path[k]; step.kind == Step::Kind::Lambda) {
          if (!step.carriers.empty())
            completion = Wait{step.carriers.back(), nullptr, true};
          storedCallback |= step.carriers.empty();
        }
      // Whoever runs a stored callback is not known here: as for an unknown carrier, a retry
      // only when a name says so (its delay is unknown too, and nothing can name it).
      if (storedCallback && !completion) {
        bool named = false;
        for (const CycleEdge &e : cycle)
          named |= namesRetry(e.from->fn->getNameAsString());
        if (!named)
          return;
      }
    }
    if (wait)
      describeDelay(*wait, site, ctx);
    else if (completion)
      describeDelay(*completion, site, ctx);
    // A delay object (async_exp_delay, a retry timer) may count the attempts it waits for: with
    // no bound seen here, the bound is unknown rather than absent.
    if (wait && site.attempts.kind == AttemptBound::Kind::Unbounded && countsAttempts(wait->call))
      site.attempts.kind = AttemptBound::Kind::Unknown;
    // So may the policy asked whether to retry (a strategy's need_to_retry()).
    if (site.attempts.kind == AttemptBound::Kind::Unbounded &&
        std::any_of(failed.edge->path.begin(), failed.edge->path.end(), decidesRetry))
      site.attempts.kind = AttemptBound::Kind::Unknown;

    for (const CycleEdge &e : cycle)
      noteGates(e.edge->path, site);
    // What the cycle retries is left empty: every call its functions make (a logger's
    // callback getter included) is not what one attempt re-runs, so a cycle is no outer layer
    // of fan-out until that is read more precisely. It is still an inner layer of loops that
    // reach it.
    int index = static_cast<int>(out.size());
    for (const CycleEdge &e : cycle)
      regions.try_emplace(e.from->fn->getBody(), index);
    sortGates(site);
    // Evidence as for a loop: a catch of a failure or a test that classifies one. A plain
    // fall-through (a parser that reads on past a node it skips) is no evidence.
    if (failedAt < failed.edge->path.size()) {
      const Step &step = failed.edge->path[failedAt];
      site.evidence.classifiesFailure =
          step.kind == Step::Kind::Catch || (step.cond && classifiesFailureIn(step.cond, ctx));
    }
    site.evidence.waits = wait.has_value();
    site.evidence.bounded = site.attempts.kind != AttemptBound::Kind::Unbounded;
    for (const CycleEdge &e : cycle)
      site.evidence.retryNames |= namesRetry(e.from->fn->getNameAsString());
    out.push_back(std::move(site));
  }

  /// Retries through a queue (Requeues.h): on a failure path, the item the function was given
  /// goes back on a member queue that another method drains into an attempt. A name must say
  /// retry (the queue, the call, an enumerator it passes, the function), as for a callable
  /// handed to an unknown carrier: failure paths also fill error and dead-letter queues.
  void findRequeues() {
    for (const FunctionEdges &f : functions) {
      if (covered.count(f.fn->getCanonicalDecl()))
        continue;
      std::vector<const Reinvocation *> candidates;
      for (const auto *edges : {&f.walker->found, &f.walker->queued})
        for (const Reinvocation &r : *edges)
          if (!r.bound)
            candidates.push_back(&r);
      for (const Reinvocation *r : candidates)
        if (requeue(f, *r))
          break;
    }
  }

  bool requeue(const FunctionEdges &f, const Reinvocation &r) {
    // The item put back is what the function was handed (a message, a request), not a new one.
    llvm::SmallPtrSet<const VarDecl *, 4> item;
    for (const Expr *arg : r.call->arguments())
      collectReadVars(arg, item);
    if (std::none_of(item.begin(), item.end(), [](const VarDecl *v) { return isa<ParmVarDecl>(v); }))
      return false;
    std::vector<const FieldDecl *> queues = queuesFilledBy(r.call, r.target);
    if (queues.empty())
      return false;
    // The outermost step that speaks of the outcome decides: the guards inside a failure branch
    // ask whether to retry (a hook the user passes, retries left), they report no success. The
    // item's own error speaks first (if (message.get_error() || test_hook)), then a caught
    // failure or the outcome of a call (if (!s.ok())).
    LoopAnatomy ownError;
    ownError.outcomeVars.insert(item.begin(), item.end());
    size_t decidedAt = SIZE_MAX;
    Outcome outcome = Outcome::Unrelated;
    for (const LoopAnatomy *anatomy : std::initializer_list<const LoopAnatomy *>{&ownError, &f.anatomy})
      for (size_t n = 1; n <= r.path.size() && outcome == Outcome::Unrelated; ++n)
        outcome = pathOutcome({r.path.begin(), r.path.begin() + n}, *anatomy, f.walker->timerStatus, &decidedAt);
    if (outcome != Outcome::Failure)
      return false;
    bool named = namesRetry(f.fn->getName()) || namesRetry(unqualified(calleeName(r.call)));
    for (const Expr *arg : r.call->arguments())
      if (const auto *ref = dyn_cast<DeclRefExpr>(arg->IgnoreParenImpCasts()); ref && isa<EnumConstantDecl>(ref->getDecl()))
        named |= namesRetry(ref->getDecl()->getName());
    for (const FieldDecl *queue : queues) {
      std::string attempt = attemptDrainedFrom(queue, f.fn, r.target);
        if (attempt.empty() || !(named || namesRetry(queue->getName())))
        continue;
      RetryLoop site;
      site.functionUsr = usrOf(f.fn);
      site.functionName = f.fn->getQualifiedNameAsString();
      site.reinvokes = attempt;
      SourceLocation loc = r.call->getBeginLoc();
      site.loop = makeSpan(SourceRange(loc, loc), ctx);
      site.attempts = boundOf(r.path, f.anatomy, f.walker->stepped, ctx);
      if (site.attempts.kind == AttemptBound::Kind::Unbounded && asksRetriesLeft(r.path))
        site.attempts.kind = AttemptBound::Kind::Unknown;
      // The next attempt comes when the queue is drained: a wait whose delay is not seen here.
      describeDelay(Wait{r.call, nullptr}, site, ctx);
      if (!r.target) // a push: the queue names the wait better than `std::deque<T>::push_back`
        site.sleeps.back().sleepCall = queue->getNameAsString();
      noteGates(r.path, site);
      sortGates(site);
      if (decidedAt < r.path.size()) {
        const Step &step = r.path[decidedAt];
        site.evidence.classifiesFailure =
            step.kind == Step::Kind::Catch || (step.cond && classifiesFailureIn(step.cond, ctx));
      }
      // The item waits on the queue for the drain: a deferred attempt, as through a carrier.
      site.evidence.waits = true;
      site.evidence.bounded = site.attempts.kind != AttemptBound::Kind::Unbounded;
      site.evidence.retryNames = true;
      regions.try_emplace(f.fn->getBody(), static_cast<int>(out.size()));
      out.push_back(std::move(site));
      return true;
    }
    return false;
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

