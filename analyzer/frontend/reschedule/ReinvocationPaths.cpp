#include "frontend/reschedule/ReinvocationPaths.h"

#include "frontend/reschedule/ReinvocationHelpers.h"
#include "frontend/reschedule/ReinvocationWaits.h"
#include "frontend/reschedule/Requeues.h"

#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/policies/DelayGrowth.h"
#include "frontend/policies/DelayPolicies.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>
#include <optional>

using namespace clang;

namespace retrylint::reschedule {
namespace {


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
  // delay(): a delay object called with nothing to run later waits before it returns; in a
  // template its class is a parameter's (Delay &&delay), and the variable's name says it.
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call);
      op && op->getOperator() == OO_Call && op->getNumArgs() == 1 && waitsByClass(op))
    return call;
  if (const auto *ref = dyn_cast<DeclRefExpr>(call->getCallee()->IgnoreParenImpCasts());
      ref && call->getNumArgs() == 0 && isa<VarDecl>(ref->getDecl()) && call->isTypeDependent()) {
    std::string name = llvm::StringRef(ref->getDecl()->getNameAsString()).lower();
    if (name.find("delay") != std::string::npos || name.find("backoff") != std::string::npos)
      return call;
  }
  return nullptr;
}

/// A `break` in `s` that leaves the switch `s` is in (not one of a nested loop or switch).
bool breaksOut(const Stmt *s) {
  bool found = false;
  forEachDescendant(s, [&](const Stmt *x) {
    found |= isa<BreakStmt>(x);
    return !found && !isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(x);
  });
  return found;
}

/// What follows a switch whose labels partly return: it runs only for the labels that leave by
/// `break` or by falling off the end (switch (status) { case busy: break; default: return; }
/// retry();). Unsettled when any value may get there (a default that falls out, or no default).
/// None when no label exits, as then nothing is implied.
std::optional<Step> fallOutGuard(const SwitchStmt *sw) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(sw->getBody());
  if (!body)
    return std::nullopt;
  Step guard{Step::Kind::Guard, sw->getCond()};
  guard.implied = true;
  bool exited = false, sawDefault = false, breaks = false;
  std::vector<const SwitchCase *> group; // the labels that reach the statements since the last exit
  auto close = [&](bool fallsOut) {
    for (const SwitchCase *label : fallsOut ? group : std::vector<const SwitchCase *>{}) {
      if (const auto *c = dyn_cast<CaseStmt>(label))
        guard.cases.push_back(c->getLHS());
      else
        guard.unsettled = true;
    }
    exited |= !fallsOut;
    group.clear();
    breaks = false;
  };
  for (const Stmt *inner : body->body()) {
    while (const auto *label = dyn_cast<SwitchCase>(inner)) {
      group.push_back(label);
      sawDefault |= isa<DefaultStmt>(label);
      inner = label->getSubStmt();
    }
    if (group.empty()) // statements after an exit and before the next label never run
      continue;
    breaks |= breaksOut(inner);
    if (breaks || exits(inner))
      close(breaks);
  }
  close(true);
  if (!exited)
    return std::nullopt;
  guard.unsettled |= !sawDefault;
  return guard;
}

} // namespace

std::string lowerName(const std::string &n) { return llvm::StringRef(unqualified(n)).lower(); }

bool sameObject(const Expr *e, unsigned depth) {
  if (!e || depth > 8)
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
  // std::weak_ptr<Session> weak = shared_from_this(): a converting copy of the same object.
  if (const auto *c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 1)
    return sameObject(c->getArg(0), depth + 1);
  // std::weak_ptr<Op<T>> weak{this->shared_from_this()} in a template: the braces stay a list.
  if (const auto *list = dyn_cast<InitListExpr>(e); list && list->getNumInits() == 1)
    return sameObject(list->getInit(0), depth + 1);
  if (const auto *list = dyn_cast<ParenListExpr>(e); list && list->getNumExprs() == 1)
    return sameObject(list->getExpr(0), depth + 1);
  return false;
}

void PathWalker::walk(const Stmt *s) {
  if (!s || depth >= MaxWalkDepth)
    return;
  ++depth;
  node(s);
  --depth;
}

void PathWalker::node(const Stmt *s) {
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
  if (const auto *sw = dyn_cast<SwitchStmt>(s)) {
    walkSwitch(sw);
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
      path.back().tryStmt = tr;
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
      if (const auto *sw = dyn_cast<SwitchStmt>(child))
        if (std::optional<Step> guard = fallOutGuard(sw))
          path.push_back(*guard);
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
    // A delay object's callback (backoff(cb)) is told, like a timer's, whether its wait ran out.
    bool timer = std::any_of(carriers.begin(), carriers.end(), [](const CallExpr *c) {
      return lowerName(calleeName(c)).find("wait") != std::string::npos ||
             Vocabulary::current().is(c, CallRole::ScheduleAfter) || waitsByClass(c);
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
    else if (loops == 0 && !carried && pushesOntoMember(call))
      queued.push_back({call, nullptr, false, path});
    else if (loops == 0 && !carried)
      noteHandedOver(call);
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

void PathWalker::walkSwitch(const SwitchStmt *sw) {
  walk(sw->getInit());
  walk(sw->getConditionVariableDeclStmt());
  walk(sw->getCond());
  const auto *body = dyn_cast_or_null<CompoundStmt>(sw->getBody());
  if (!body) {
    walk(sw->getBody());
    return;
  }
  // Each group of statements runs under the labels that reach it, those since the last break or
  // exit, with the waits run before in the group.
  size_t mark = path.size();
  bool open = false;
  for (const Stmt *child : body->body()) {
    const Stmt *inner = child;
    // case busy: ... case timed_out: (no break between): the statements after it run for labels
    // that the statements before have already waited for, or not.
    if (open && isa<SwitchCase>(inner))
      path[mark].unsettled = true;
    while (const auto *label = dyn_cast<SwitchCase>(inner)) {
      if (!open) {
        path.resize(mark);
        path.push_back({Step::Kind::Guard, sw->getCond()});
        open = true;
      }
      if (const auto *c = dyn_cast<CaseStmt>(label))
        path[mark].cases.push_back(c->getLHS());
      else
        path[mark].unsettled = true;
      inner = label->getSubStmt();
    }
    if (!open) // statements before any label never run
      continue;
    walk(inner);
    if (const CallExpr *wait = waitStatement(inner)) {
      Step step{Step::Kind::Wait};
      step.wait = wait;
      path.push_back(step);
    }
    if (isa<BreakStmt>(inner) || exits(inner))
      open = false;
  }
  path.resize(mark);
}

const FunctionDecl *PathWalker::reinvokes(const CallExpr *call) const {
  if (carried)
    return reinvokesCarried(call);
  const auto *method = dyn_cast<CXXMethodDecl>(fn);
  const FunctionDecl *target = nullptr;
  if (const FunctionDecl *callee = call->getDirectCallee()) {
    target = callee->getCanonicalDecl();
    if (target != canonical && !sameClass(callee))
      return nullptr;
  } else {
    // A call a template leaves unresolved (self->send() on a dependent type): by name, this
    // function or the one method of its class of that name (a class template's methods call
    // each other through a dependent `self`, and only the template itself is walked).
    const Expr *named = call->getCallee()->IgnoreParenImpCasts();
    if (!isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr, UnresolvedLookupExpr>(named))
      return nullptr;
    std::string name = unqualified(calleeName(call));
    if (name == fn->getNameAsString())
      target = canonical;
    else if (const CXXMethodDecl *own = method && !isa<UnresolvedLookupExpr>(named) ? onlyMethodNamed(name) : nullptr) {
      // On this object only: self->next(), not peer->next().
      const auto *unresolved = dyn_cast<UnresolvedMemberExpr>(named);
      if (unresolved && !unresolved->isImplicitAccess() && !sameObject(unresolved->getBase()))
        return nullptr;
      target = own->getCanonicalDecl();
    } else {
      return nullptr;
    }
  }
  if (!method || method->isStatic())
    return target == canonical ? target : nullptr;
  const Expr *object = objectOf(call);
  return !object || sameObject(object) ? target : nullptr;
}

const FunctionDecl *PathWalker::reinvokesCarried(const CallExpr *call) const {
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee)
    return nullptr;
  if (const Expr *object = objectOf(call); object && refersTo(object, carried))
    return isa<CXXMethodDecl>(callee) ? callee->getCanonicalDecl() : nullptr;
  if (!sameClass(callee) || (objectOf(call) && !sameObject(objectOf(call))))
    return nullptr;
  for (const Expr *arg : call->arguments())
    if (refersTo(arg, carried))
      return callee->getCanonicalDecl();
  return nullptr;
}

void PathWalker::noteHandedOver(const CallExpr *call) {
  const auto *method = dyn_cast<CXXMethodDecl>(fn);
  const FunctionDecl *helper = handedTo(call);
  if (!method || method->isStatic() || !helper || helper->getCanonicalDecl() == canonical || sameClass(helper))
    return;
  // A virtual method runs the object's own override.
  auto own = [&](const CXXMethodDecl *target) -> const FunctionDecl * {
    if (target->isVirtual())
      if (const CXXMethodDecl *override = target->getCorrespondingMethodInClass(method->getParent()))
        target = override;
    return target->getCanonicalDecl() == canonical || sameClass(target) ? target->getCanonicalDecl() : nullptr;
  };
  unsigned first = isa<CXXOperatorCallExpr>(call) ? 1 : 0;
  for (unsigned i = first; i < call->getNumArgs() && i - first < helper->getNumParams(); ++i) {
    const Expr *arg = withoutTemporaries(call->getArg(i))->IgnoreParenImpCasts();
    // The object itself (this, shared_from_this()), not one of its members.
    if (!sameObject(arg) || isa<MemberExpr>(arg))
      continue;
    if (!helper->getDefinition()) {
      // Defined in another TU: each method it could run on the object is an edge the link
      // keeps only if the helper's facts say it schedules that method. Its wait is the call.
      Step wait{Step::Kind::Wait};
      wait.wait = call;
      for (const CXXMethodDecl *declared : methodsOfParam(helper, i - first))
        if (const FunctionDecl *target = own(declared)) {
          Reinvocation r{call, target, true, path};
          r.path.push_back(wait);
          r.helper = helper->getCanonicalDecl();
          r.helperParam = i - first;
          r.declared = declared;
          found.push_back(std::move(r));
        }
      continue;
    }
    for (const ScheduledCall &scheduled : scheduledOn(helper, i - first))
      if (const FunctionDecl *target = own(scheduled.method)) {
        Reinvocation r{call, target, true, path};
        r.path.insert(r.path.end(), scheduled.path.begin(), scheduled.path.end());
        found.push_back(std::move(r));
      }
  }
}

const CXXMethodDecl *PathWalker::onlyMethodNamed(const std::string &name) const {
  const CXXMethodDecl *found = nullptr;
  for (const Decl *d : cast<CXXMethodDecl>(fn)->getParent()->decls()) {
    // A member function template too (template <typename Handler> void insert(Handler &&cb)).
    if (const auto *t = dyn_cast<FunctionTemplateDecl>(d))
      d = t->getTemplatedDecl();
    const auto *m = dyn_cast<CXXMethodDecl>(d);
    if (!m || m->getNameAsString() != name || !sameClass(m))
      continue;
    if (found) // overloads: which one runs is not known
      return nullptr;
    found = m;
  }
  return found;
}

bool PathWalker::sameClass(const FunctionDecl *callee) const {
  const auto *method = dyn_cast<CXXMethodDecl>(fn);
  const auto *other = dyn_cast<CXXMethodDecl>(callee);
  return method && other && !other->isStatic() && !isa<CXXConstructorDecl, CXXDestructorDecl>(other) &&
         other->getParent()->getCanonicalDecl() == method->getParent()->getCanonicalDecl() &&
         other->hasBody();
}

const FunctionDecl *PathWalker::namesFunction(const Expr *arg) const {
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

void PathWalker::noteOutcome(const VarDecl *var, const Expr *value) {
  // auto self = weak.lock(): the object itself, which a callback tests for being alive.
  if (sameObject(value))
    return;
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

void PathWalker::noteOutcomeParam(const ParmVarDecl *p) {
  if (outcomeTyped(p))
    outcomeVars.insert(p);
}

bool PathWalker::outcomeTyped(const VarDecl *v) {
  std::string type = llvm::StringRef(v->getType().getAsString()).lower();
  for (const char *word : {"error", "errc", "status", "exception", "result", "response", "reply"})
    if (type.find(word) != std::string::npos)
      return true;
  return false;
}

void PathWalker::noteStep(const Stmt *s) {
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

} // namespace retrylint::reschedule
