#include "frontend/loops/LoopAnatomy.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/libraries/LibraryPolicies.h"
#include "frontend/loops/CoroutineSteps.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/policies/DelayPolicies.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <map>

using namespace clang;

namespace retrylint {
namespace {

/// How many helpers deep a project's wait is read (latch -> condition variable -> wait).
constexpr unsigned kLocalWaitDepth = 3;

/// A call that waits between attempts: a sleep, a timed wait, or a project's own wait.
bool waits(const CallExpr *call) {
  const CallKind &kind = Vocabulary::current().of(call);
  if (kind.is(CallRole::Query))
    return false; // WaitNoBlock(), try_wait(): asked without waiting, whatever the name says
  if (kind.is(CallRole::MayWait) && isDelayPolicyCall(call))
    return false; // policy->DelayBeforeNextRetry(n) gives a delay; the sleep around it waits
  return kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait) || kind.is(CallRole::MayWait);
}

bool isLocalWait(const FunctionDecl *fd, unsigned depth);
bool waitsByName(const CallExpr *call, unsigned depth);

/// The body calls a wait by name that is one (latch.WaitFor -> cond_.WaitUntil).
bool waitsThrough(const FunctionDecl *fd, unsigned depth) {
  bool found = false;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      found |= waitsByName(call, depth);
    return !found;
  });
  return found;
}

/// A call that waits by name (WaitFor, SleepBeforeRetry): taken at its word when its body is
/// not here, and when its body here waits and does nothing else that leaves the process.
bool waitsByName(const CallExpr *call, unsigned depth) {
  if (!Vocabulary::current().is(call, CallRole::MayWait))
    return false;
  const FunctionDecl *body = calleeWithBody(call);
  return !body || (depth > 0 && isLocalWait(body, depth - 1));
}

/// A project's own wait whose body is here (CountDownLatch::WaitFor over a condition
/// variable, Synchronizer::WaitFor over a latch): it sleeps or waits, through further such
/// helpers. One named as a wait first (WaitFor, SleepUntil) may also assert, log and build
/// its status; one that only mentions waiting (SendAndWait) must attempt nothing else.
bool isLocalWait(const FunctionDecl *fd, unsigned depth) {
  static const NameRegex namedWait("^(timed_?)?(wait|sleep)", NameRegex::IgnoreCase);
  if (fd->getIdentifier() && namedWait.match(fd->getName()))
    return callsWithRole(fd->getBody(), CallRole::Sleep, 0) ||
           callsWithRole(fd->getBody(), CallRole::TimedWait, 0) || waitsThrough(fd, depth);
  bool waited = false, attempts = false;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      const CallKind &kind = Vocabulary::current().of(call);
      if (kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait) || waitsByName(call, depth))
        waited = true;
      else if (kind.is(CallRole::MayWait))
        attempts = true; // a wait by name that does more than wait
      else
        attempts |= isAttemptCall(call);
    }
    return !attempts;
  });
  return waited && !attempts;
}

/// A call whose delay argument the vocabulary knows (sleep_for(d), cv.wait_for(lock, d)).
std::optional<SleepCallInfo> delayArgument(const CallExpr *call) {
  const CallKind &kind = Vocabulary::current().of(call);
  if ((kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait)) &&
      kind.delay.delayArg < call->getNumArgs())
    return kind.delay;
  return std::nullopt;
}

/// Finds the sleep inside a same-TU helper (void Backoff(ms d) { sleep_for(d); }).
const CallExpr *sleepInside(const FunctionDecl *fd, SleepCallInfo &info) {
  const CallExpr *found = nullptr;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    if (found)
      return false;
    if (const auto *call = dyn_cast<CallExpr>(s))
      if (auto i = delayArgument(call)) {
        info = *i;
        found = call;
      }
    return true;
  });
  return found;
}

/// A sleep helper (Backoff(d), backoff.Wait()) sleeps and computes; it attempts nothing.
/// A function that sleeps between its own attempts is an operation, not a sleep.
bool onlySleeps(const FunctionDecl *fd) {
  bool attempts = false;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      attempts |= !waits(call) && isAttemptCall(call);
    return !attempts;
  });
  return !attempts;
}

class Dissector {
public:
  Dissector(LoopAnatomy &a, ASTContext &ctx) : a(a), ctx(ctx) {}

  /// Set when the loop nests deeper than MaxWalkDepth: it is then not modelled at all.
  bool tooDeep = false;

  void walk(const Stmt *s, std::vector<LoopEvent> &out) {
    if (!s || tooDeep)
      return;
    if (depth >= MaxWalkDepth) {
      tooDeep = true;
      return;
    }
    ++depth;
    walkNode(s, out);
    --depth;
  }

private:
  void walkNode(const Stmt *s, std::vector<LoopEvent> &out) {
    // An inner EINTR loop (resuming an interrupted nanosleep) does not make the outer
    // loop one.
    if (nestedLoops == 0 && macroNameAt(s->getBeginLoc(), ctx) == "EINTR")
      a.mentionsEINTR = true;
    if (const auto *ifs = dyn_cast<IfStmt>(s)) {
      walk(ifs->getInit(), out);
      if (const DeclStmt *d = ifs->getConditionVariableDeclStmt())
        walk(d, out);
      bool wasInTest = inTest;
      inTest = true;
      walk(ifs->getCond(), out);
      inTest = wasInTest;
      guards.push_back({ifs->getCond(), false});
      walk(ifs->getThen(), out);
      guards.back().negated = true;
      walk(ifs->getElse(), out);
      guards.pop_back();
      return;
    }
    if (const Stmt *yielded = yieldedStatement(s)) {
      // A stackless coroutine's yield: its loops route the resumption; the statement runs
      // once, and the coroutine is resumed with the outcome of what it started.
      size_t first = out.size();
      walk(yielded, out);
      for (size_t i = first; i < out.size(); ++i)
        if (out[i].kind == LoopEvent::Kind::Call && out[i].isAttempt && !out[i].resultVar)
          for (const ParmVarDecl *param : resumedWith(cast<CallExpr>(out[i].stmt))) {
            if (!out[i].resultVar)
              out[i].resultVar = param->getCanonicalDecl();
            a.outcomeVars.insert(param->getCanonicalDecl());
          }
      return;
    }
    if (const auto *coreturn = dyn_cast<CoreturnStmt>(s)) {
      walk(coreturn->getOperand(), out);
      out.push_back(event(LoopEvent::Kind::Exit, s));
      return;
    }
    if (isCoroutineStatement(s)) {
      walk(coroutineSource(s), out); // co_await x: what x calls; the awaiter protocol is the library's
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s)) {
      ++nestedLoops;
      guards.push_back({}); // an inner loop's body may run any number of times
      for (const Stmt *child : s->children())
        walk(child, out);
      guards.pop_back();
      --nestedLoops;
      return;
    }
    if (const auto *sw = dyn_cast<SwitchStmt>(s)) {
      walk(sw->getCond(), out);
      ++switches;
      guards.push_back({});
      walk(sw->getBody(), out);
      guards.pop_back();
      --switches;
      return;
    }
    if (const auto *tr = dyn_cast<CXXTryStmt>(s)) {
      bool was = inTry;
      inTry = true;
      walk(tr->getTryBlock(), out);
      inTry = was;
      for (unsigned i = 0; i < tr->getNumHandlers(); ++i) {
        bool wasCatch = inCatch;
        const CXXCatchStmt *wasHandler = handler;
        inCatch = true;
        handler = tr->getHandler(i);
        walk(tr->getHandler(i)->getHandlerBlock(), out);
        inCatch = wasCatch;
        handler = wasHandler;
      }
      return;
    }
    if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
      walk(ret->getRetValue(), out);
      out.push_back(event(LoopEvent::Kind::Exit, s));
      return;
    }
    if (isa<ContinueStmt>(s)) {
      if (nestedLoops == 0)
        out.push_back(event(LoopEvent::Kind::Continue, s));
      return;
    }
    if (isa<BreakStmt>(s)) {
      if (nestedLoops == 0 && switches == 0)
        out.push_back(event(LoopEvent::Kind::Exit, s));
      return;
    }
    if (const auto *th = dyn_cast<CXXThrowExpr>(s)) {
      walk(th->getSubExpr(), out);
      out.push_back(event(LoopEvent::Kind::Exit, s));
      return;
    }
    if (isa<LambdaExpr>(s))
      return; // a separate function; helpers that run it are the fan-out model's business
    if (const auto *ds = dyn_cast<DeclStmt>(s)) {
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d))
          if (const Expr *init = var->getInit()) {
            walkValue(init, var->getCanonicalDecl(), out);
            recordAssign(var->getCanonicalDecl(), init, s, out);
          }
      return;
    }
    if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
      if (const auto *member = dyn_cast<MemberExpr>(bo->getLHS()->IgnoreParenImpCasts()))
        if (isa<DeclRefExpr>(member->getBase()->IgnoreParenImpCasts())) {
          walk(bo->getRHS(), out);
          recordMemberAssign(member, bo->getRHS(), s, out);
          return;
        }
    const Expr *rhs = nullptr;
    if (const VarDecl *var = assignedVar(s, &rhs)) {
      if (rhs)
        walkValue(rhs, var, out);
      recordAssign(var, rhs, s, out);
      return;
    }
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      size_t first = out.size();
      for (const Stmt *child : s->children())
        walk(child, out);
      recordCall(call, out);
      // What a sleep's arguments call computes the delay (absl::Milliseconds(...)).
      if (out.back().kind == LoopEvent::Kind::Sleep)
        for (size_t i = first; i + 1 < out.size(); ++i)
          out[i].isAttempt = false;
      return;
    }
    for (const Stmt *child : s->children())
      walk(child, out);
  }

  unsigned depth = 0;

  /// Walks the value stored into `target`: the calls made there produce it.
  void walkValue(const Expr *value, const VarDecl *target, std::vector<LoopEvent> &out) {
    size_t first = out.size();
    walk(value, out);
    for (size_t i = first; i < out.size(); ++i)
      if ((out[i].kind == LoopEvent::Kind::Call ||
           (out[i].kind == LoopEvent::Kind::Sleep && out[i].unseenDelay)) &&
          !out[i].resultVar)
        out[i].resultVar = target;
  }

  LoopEvent event(LoopEvent::Kind kind, const Stmt *s) {
    LoopEvent e{kind, s};
    e.guards.assign(guards.begin(), guards.end());
    e.inTry = inTry;
    e.inCatch = inCatch;
    e.handler = handler;
    e.inInnerLoop = nestedLoops > 0;
    e.inTest = inTest; // a call, or a sleep helper that decides (if (!MayRetry()) return)
    return e;
  }

  void recordAssign(const VarDecl *var, const Expr *rhs, const Stmt *s,
                    std::vector<LoopEvent> &out) {
    LoopEvent e = event(LoopEvent::Kind::Assign, s);
    e.var = var;
    e.value = rhs;
    out.push_back(e);
    bool fromAttempt = false;
    forEachDescendant(rhs, [&](const Stmt *st) {
      if (const auto *call = dyn_cast<CallExpr>(st))
        fromAttempt |= isAttemptCall(call);
      return !fromAttempt;
    });
    // code = response->GetStatusCode(), err = result.error: what an outcome says is the
    // outcome too (a chain of accessors and members over an outcome variable).
    if (!fromAttempt && rhs)
      if (const VarDecl *source = accessedVar(rhs); source && a.outcomeVars.count(source)) {
        a.outcomeVars.insert(var);
        a.derivedOutcomeVars.insert(var);
        return;
      }
    if (fromAttempt)
      a.outcomeVars.insert(var);
  }

  /// The variable at the root of a chain of member accesses and accessor calls
  /// (response->GetStatusCode(), reply.status().code()); null for anything else.
  static const VarDecl *accessedVar(const Expr *e) {
    for (unsigned depth = 0; e && depth < 6; ++depth) {
      e = withoutTemporaries(e);
      if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
        const auto *var = dyn_cast<VarDecl>(ref->getDecl());
        return var ? var->getCanonicalDecl() : nullptr;
      }
      if (const auto *call = dyn_cast<CXXMemberCallExpr>(e)) {
        const CXXMethodDecl *method = call->getMethodDecl();
        if (!method || !method->isConst() || call->getNumArgs() != 0)
          return nullptr;
        e = call->getImplicitObjectArgument();
      } else if (const auto *member = dyn_cast<MemberExpr>(e)) {
        e = member->getBase();
      } else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e);
                 op && (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star) &&
                 op->getNumArgs() == 1) {
        e = op->getArg(0);
      } else if (const auto *cast = dyn_cast<ExplicitCastExpr>(e)) {
        e = cast->getSubExpr();
      } else {
        return nullptr;
      }
    }
    return nullptr;
  }

  void recordMemberAssign(const MemberExpr *member, const Expr *rhs, const Stmt *s,
                          std::vector<LoopEvent> &out) {
    const auto *ref = dyn_cast<DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (!var)
      return;
    LoopEvent e = event(LoopEvent::Kind::Assign, s);
    e.var = var->getCanonicalDecl();
    e.value = rhs;
    e.member = member->getMemberDecl()->getNameAsString();
    out.push_back(e);
  }

  void recordCall(const CallExpr *call, std::vector<LoopEvent> &out) {
    std::string name = calleeName(call);
    Vocabulary &vocab = Vocabulary::current();
    if (vocab.is(call, CallRole::CompareExchange) || vocab.is(call, CallRole::LockAttempt))
      a.spinsOnAtomicOrLock = true;
    if (vocab.is(call, CallRole::ReadinessWait) && nestedLoops == 0)
      a.waitsForReadiness = true;
    if (auto info = delayArgument(call)) {
      LoopEvent e = event(LoopEvent::Kind::Sleep, call);
      e.delay = call->getArg(info->delayArg);
      e.sleepInfo = *info;
      e.sleepCall = name;
      out.push_back(e);
      return;
    }
    // timer.expires_after(d), then timer.async_wait(...) (awaited, yielded or with a
    // handler): the wait sleeps for the delay the timer was armed with in this loop.
    if (const Expr *object = objectOf(call)) {
      std::string timer = sourceText(object->getSourceRange(), ctx);
      const CallKind &kind = vocab.of(call);
      if (kind.is(CallRole::TimerArm) && kind.scheduleDelay.delayArg < call->getNumArgs() && !timer.empty())
        armedTimers[timer] = {call->getArg(kind.scheduleDelay.delayArg), kind.scheduleDelay};
      auto armed = armedTimers.find(timer);
      if (armed != armedTimers.end() && llvm::StringRef(unqualified(name)).lower().find("wait") != std::string::npos) {
        LoopEvent e = event(LoopEvent::Kind::Sleep, call);
        e.delay = armed->second.first;
        e.sleepInfo = armed->second.second;
        e.sleepCall = name;
        out.push_back(e);
        return;
      }
    }
    if (const FunctionDecl *helper = calleeWithBody(call); helper && onlySleeps(helper)) {
      SleepCallInfo info{0, DelayUnit::Duration};
      if (const CallExpr *inner = sleepInside(helper, info)) {
        // The helper's delay is the argument bound to the parameter it sleeps on.
        const Expr *innerDelay = inner->getArg(info.delayArg)->IgnoreParenImpCasts();
        if (const auto *ref = dyn_cast<DeclRefExpr>(innerDelay))
          if (const auto *param = dyn_cast<ParmVarDecl>(ref->getDecl()))
            if (param->getFunctionScopeIndex() < call->getNumArgs()) {
              LoopEvent e = event(LoopEvent::Kind::Sleep, call);
              e.delay = call->getArg(param->getFunctionScopeIndex());
              e.sleepInfo = info;
              e.sleepCall = calleeName(inner);
              e.sleepHelper = helper;
              out.push_back(e);
              return;
            }
        // backoff.Wait(): the helper sleeps on its own state; the delay is not visible here.
        LoopEvent e = event(LoopEvent::Kind::Sleep, call);
        e.sleepInfo = info;
        e.sleepCall = calleeName(inner);
        e.sleepHelper = helper;
        out.push_back(e);
        return;
      }
    }
    if (waits(call) && (!calleeWithBody(call) || waitsByName(call, kLocalWaitDepth))) {
      // A wait the model cannot see into (cnd_timedwait, Waiter::WaitFor, a project's
      // Backoff() defined elsewhere), or a project's latch or condition whose wait is not a
      // vocabulary sleep: the loop waits, for a delay not visible here.
      LoopEvent e = event(LoopEvent::Kind::Sleep, call);
      e.sleepCall = name;
      e.unseenDelay = true;
      out.push_back(e);
      return;
    }
    LoopEvent e = event(LoopEvent::Kind::Call, call);
    e.isAttempt = isAttemptCall(call);
    out.push_back(e);
  }

  LoopAnatomy &a;
  ASTContext &ctx;
  llvm::SmallVector<Guard, 8> guards;
  /// Timers armed in this loop (by their object as written) and the delay they were armed with.
  std::map<std::string, std::pair<const Expr *, SleepCallInfo>> armedTimers;
  unsigned nestedLoops = 0, switches = 0;
  bool inTry = false, inCatch = false, inTest = false;
  const CXXCatchStmt *handler = nullptr;
};

/// A const member that takes a project object it can act on (ClusterSlots(Connection &)
/// const sends through the connection): const says the object does not change, not the
/// world. An out-parameter of a value type (a duration, a std::string) is a result.
bool actsThroughParameters(const CXXMethodDecl *method) {
  for (const ParmVarDecl *param : method->parameters()) {
    QualType t = param->getType();
    if (!t->isLValueReferenceType() && !t->isPointerType())
      continue;
    QualType pointee = t->getPointeeType();
    const CXXRecordDecl *record = pointee->getAsCXXRecordDecl();
    if (record && !pointee.isConstQualified() && !record->isInStdNamespace() &&
        !Vocabulary::isDurationType(pointee))
      return true;
  }
  return false;
}

/// bool Exchange(...) { bool won = slot.compare_exchange_strong(...); return won; }: a helper
/// that returns what a compare-and-swap returned is that compare-and-swap. Losing its race is
/// contention inside the process, not a failed attempt, whether a loop or a recursion goes round.
bool returnsCompareExchange(const CallExpr *call) {
  const FunctionDecl *helper = calleeWithBody(call);
  if (!helper || !helper->getReturnType()->isBooleanType())
    return false;
  auto isExchange = [](const Expr *e) {
    const auto *c = dyn_cast_or_null<CallExpr>(e ? withoutTemporaries(e)->IgnoreParenImpCasts() : nullptr);
    return c && Vocabulary::current().is(c, CallRole::CompareExchange);
  };
  bool any = false, all = true;
  forEachDescendant(helper->getBody(), [&](const Stmt *s) {
    if (isa<LambdaExpr>(s))
      return false;
    const auto *ret = dyn_cast<ReturnStmt>(s);
    if (!ret)
      return true;
    any = true;
    const Expr *value = ret->getRetValue();
    const auto *ref = dyn_cast_or_null<DeclRefExpr>(value ? value->IgnoreParenImpCasts() : nullptr);
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    all &= isExchange(value) || (var && isExchange(var->getInit()));
    return all;
  });
  return any && all;
}

} // namespace

LoopAnatomy dissectLoop(const Stmt *loop, ASTContext &ctx) {
  LoopAnatomy a;
  a.loop = loop;
  const Stmt *body = nullptr;
  if (const auto *f = dyn_cast<ForStmt>(loop)) {
    a.init = f->getInit();
    a.cond = f->getCond();
    a.inc = f->getInc();
    body = f->getBody();
  } else if (const auto *w = dyn_cast<WhileStmt>(loop)) {
    a.cond = w->getCond();
    body = w->getBody();
  } else if (const auto *d = dyn_cast<DoStmt>(loop)) {
    a.cond = d->getCond();
    a.condAtEnd = true;
    body = d->getBody();
  }
  Dissector dissector(a, ctx);
  dissector.walk(body, a.events);
  dissector.walk(a.cond, a.condEvents);
  dissector.walk(a.inc, a.incEvents);
  // while (!stop_.WaitFor(interval)): the condition's wait comes between attempts.
  for (const LoopEvent &e : a.condEvents)
    if (e.kind == LoopEvent::Kind::Sleep)
      a.events.push_back(e);
  if (dissector.tooDeep) {
    // Too deep to read whole: what the loop does is unknown, so it attempts nothing here.
    a.events.clear();
    a.condEvents.clear();
    a.incEvents.clear();
    return a;
  }
  // Status s = sync.Wait(); if (!s.ok()) ...: a wait whose result the loop tests awaits
  // the outcome of the attempt it follows (a latch, a future, a callback's synchronizer);
  // it is part of that attempt, not a delay before the next one.
  llvm::SmallPtrSet<const VarDecl *, 8> tested = testedVars(a), awaited;
  for (LoopEvent &e : a.events)
    if (((e.kind == LoopEvent::Kind::Sleep && e.unseenDelay) ||
         (e.kind == LoopEvent::Kind::Call && !e.isAttempt && waits(cast<CallExpr>(e.stmt)))) &&
        e.resultVar && tested.count(e.resultVar)) { // also auto r = future.get(); if (r) ...
      e.kind = LoopEvent::Kind::Call;
      e.awaitsResult = true;
      e.isAttempt = false;
      a.outcomeVars.insert(e.resultVar);
      if (const Expr *object = objectOf(cast<CallExpr>(e.stmt)))
        if (const auto *ref = dyn_cast<DeclRefExpr>(object->IgnoreParenImpCasts()))
          if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
            awaited.insert(var->getCanonicalDecl());
    }
  findOperations(a);
  // auto pending = executor.Submit(batch); r = pending.get(): what made the awaited future
  // is the attempt.
  for (LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Call && e.isAttempt && !e.inCatch && e.resultVar &&
        awaited.count(e.resultVar))
      e.isOperation = true;
  return a;
}

bool waitsBetweenAttempts(const CallExpr *call) {
  const CallKind &kind = Vocabulary::current().of(call);
  return kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait) ||
         (waits(call) && (!calleeWithBody(call) || waitsByName(call, kLocalWaitDepth)));
}

llvm::SmallVector<const VarDecl *, 2> pointerOutputs(const CallExpr *call) {
  llvm::SmallVector<const VarDecl *, 2> outputs;
  for (const Expr *arg : call->arguments())
    if (const auto *addr = dyn_cast<UnaryOperator>(arg->IgnoreParenImpCasts());
        addr && addr->getOpcode() == UO_AddrOf)
      if (const auto *ref = dyn_cast<DeclRefExpr>(addr->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
          outputs.push_back(var->getCanonicalDecl());
  return outputs;
}

bool isAttemptCall(const CallExpr *call) {
  // A library client's operation reaches its service, const or not (S3Client::GetObject).
  if (isLibraryOperation(call))
    return true;
  // A const member function queries (job->Done(), reply.transient()); attempts change
  // something: they send, connect, write.
  if (const auto *member = dyn_cast<CXXMemberCallExpr>(call))
    if (const CXXMethodDecl *method = member->getMethodDecl();
        method && method->isConst() && !actsThroughParameters(method))
      return false;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call))
    if (op->getOperator() != OO_Call) // fn() on a std::function or lambda attempts; + does not
      return false;
  // Status::OK(), Status::TimedOut(msg): a named constructor builds a value of its class.
  if (const auto *method = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee());
      method && method->isStatic())
    if (const CXXRecordDecl *made = call->getType()->getAsCXXRecordDecl();
        made && made->getCanonicalDecl() == method->getParent()->getCanonicalDecl())
      return false;
  // Computations, waits, clocks, random draws, budget checks and in-process work attempt
  // nothing that can fail remotely; lifecycle checks ask whether to go on at all.
  const CallKind &kind = Vocabulary::current().of(call);
  for (CallRole role : {CallRole::Query, CallRole::Lifecycle, CallRole::ClockRead, CallRole::Sleep,
                        CallRole::TimedWait, CallRole::ReadinessWait, CallRole::SpinPause,
                        CallRole::RandomSource, CallRole::BudgetGate, CallRole::InProcess})
    if (kind.is(role))
      return false;
  // A wait by name is taken at its word when its body is not here to read, or when the
  // body here only waits.
  if (waitsByName(call, kLocalWaitDepth))
    return false;
  // A predicate that waits (bool MayRetry() { if (++n > max) return false; sleep_for(d_);
  // d_ *= 2; return true; }) decides and pauses between attempts; it attempts nothing.
  if (waitingPredicate(call))
    return false;
  if (returnsCompareExchange(call))
    return false;
  // A helper that asks the budget (bool ShouldRetry() { return budget_.TryRetry(); });
  // a function that loops is a retrying operation that happens to be budgeted.
  if (const FunctionDecl *helper = calleeWithBody(call)) {
    bool loops = false;
    forEachDescendant(helper->getBody(), [&](const Stmt *s) {
      loops |= isa<ForStmt, WhileStmt, DoStmt>(s);
      return !loops;
    });
    if (!loops && callsWithRole(helper->getBody(), CallRole::BudgetGate, 0))
      return false;
  }
  return true;
}

const FunctionDecl *waitingPredicate(const CallExpr *call) {
  // Read one helper deep: a predicate's own calls are judged without this rule.
  static thread_local bool reading = false;
  const FunctionDecl *helper = calleeWithBody(call);
  if (reading || !helper || !helper->getReturnType()->isBooleanType() ||
      !(callsWithRole(helper->getBody(), CallRole::Sleep, 0) || callsWithRole(helper->getBody(), CallRole::TimedWait, 0)))
    return nullptr;
  bool loops = false;
  forEachDescendant(helper->getBody(), [&](const Stmt *s) {
    loops |= isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s);
    return !loops;
  });
  if (loops)
    return nullptr;
  reading = true;
  bool sleepsOnly = onlySleeps(helper);
  reading = false;
  return sleepsOnly ? helper : nullptr;
}

llvm::SmallPtrSet<const VarDecl *, 8> testedVars(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> tested;
  collectReadVars(a.cond, tested);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Exit)
      for (const Guard &g : e.guards)
        collectReadVars(g.cond, tested);
  return tested;
}

llvm::SmallPtrSet<const VarDecl *, 8> changedVars(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> vars;
  for (const auto *list : {&a.events, &a.condEvents, &a.incEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Assign)
        vars.insert(e.var);
  return vars;
}

} // namespace retrylint
