#include "frontend/loops/RetryEvidence.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Subscripts.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/AttemptBounds.h"
#include "frontend/loops/IndirectInputs.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/policies/DelayGrowth.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace retrylint {
namespace {

const NameRegex &retryWords() {
  static const NameRegex Words("(retr(y|ies|ied|ying|i)|attempt|back_?off|tries|reconnect|redial|"
                               "resend|re_?try)",
                               NameRegex::IgnoreCase);
  return Words;
}

/// Error constants that name a kind of failure worth a retry (UNAVAILABLE, ETIMEDOUT,
/// EAI_AGAIN), as opposed to a plain "not OK".
const NameRegex &failureKinds() {
  static const NameRegex Kinds(
      "(unavailable|timed_?out|timeout|etimedout|econnrefused|econnreset|econnaborted|ehostunreach|"
      "enetunreach|eai_again|ebusy|throttl|overload|resource_?exhausted|deadline_?exceeded|"
      "aborted|try_?again|too_?many|not_?leader|leader_?not|transient|retr(y|i)able|network|"
      "service_?unavailable|connection_?(refused|reset|lost|closed)|busy)",
      NameRegex::IgnoreCase);
  return Kinds;
}

/// The name a call goes by: its function's, or for a callable object (a std::function
/// parameter, a functor member) the object's: shouldRetry(status, response).
std::string callableName(const CallExpr *call) {
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call); op && op->getOperator() == OO_Call) {
    const Expr *object = op->getArg(0)->IgnoreParenImpCasts();
    if (const auto *ref = dyn_cast<DeclRefExpr>(object))
      return ref->getDecl()->getNameAsString();
    if (const auto *member = dyn_cast<MemberExpr>(object))
      return member->getMemberDecl()->getNameAsString();
    return {};
  }
  return unqualified(calleeName(call));
}

/// A call that decides whether to retry: ShouldRetry(status), isRetriable(err),
/// shouldRetry(code, response) on a callable.
bool decidesRetry(const CallExpr *call) {
  static const NameRegex Decides("(should_?retry|retr(y|i)able|is_?transient|can_?retry)",
                                 NameRegex::IgnoreCase);
  return Decides.match(callableName(call));
}

/// The value is what a retry decision returned (next = shouldRetry(code, response)): the
/// request to send again, not a new target.
bool fromRetryDecision(const Expr *value) {
  const auto *call = dyn_cast_or_null<CallExpr>(value ? withoutTemporaries(value) : nullptr);
  return call && decidesRetry(call);
}

/// Non-blocking I/O's "not yet": the loop waits for readiness, it does not retry a failure.
bool namesWouldBlock(llvm::StringRef name) {
  static const NameRegex WouldBlock("^(EAGAIN|EWOULDBLOCK|EINPROGRESS|WSAEWOULDBLOCK|ERROR_IO_PENDING|"
                                    "CURLE_AGAIN|SSL_ERROR_WANT_(READ|WRITE)|.*WOULD_?BLOCK.*|"
                                    "UV_EAGAIN|k?WouldBlock|WANT_(READ|WRITE))$",
                                    NameRegex::IgnoreCase);
  return WouldBlock.match(name);
}

/// The conditions that decide whether the loop goes on: its condition and the guards of
/// its exits and continues.
std::vector<const Expr *> decidingTests(const LoopAnatomy &a) {
  std::vector<const Expr *> tests;
  if (a.cond)
    tests.push_back(a.cond);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Exit || e.kind == LoopEvent::Kind::Continue)
      for (const Guard &g : e.guards)
        if (g.cond)
          tests.push_back(g.cond);
  return tests;
}

bool testsWouldBlock(const LoopAnatomy &a, const ASTContext &ctx) {
  // The body's switch cases count too: case CURLE_AGAIN: poll(...).
  std::vector<const Expr *> tests = decidingTests(a);
  std::vector<const Stmt *> places(tests.begin(), tests.end());
  places.push_back(a.loop);
  for (const Stmt *place : places) {
    bool found = false;
    forEachDescendant(place, [&](const Stmt *s) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(s))
        found |= namesWouldBlock(ref->getDecl()->getName());
      if (!found && isa<Expr>(s))
        found |= namesWouldBlock(macroNameAt(s->getBeginLoc(), ctx));
      return !found;
    });
    if (found)
      return true;
  }
  return false;
}

/// The loop keyword comes from a macro (LOG_TIMING(...) { } expands to a one-pass for):
/// the macro's author wrote the loop, and it is not this code's retry. Macros that say
/// they retry are the exception.
bool spelledByMacro(const LoopAnatomy &a, const ASTContext &ctx) {
  SourceLocation loc = a.loop->getBeginLoc();
  if (!loc.isMacroID())
    return false;
  // RETURN_NOT_OK(pool->Submit([=] { for (...) { ... } })): a loop written in a macro's
  // argument is the caller's code, not the macro's.
  const SourceManager &sm = ctx.getSourceManager();
  while (loc.isMacroID() && sm.isMacroArgExpansion(loc))
    loc = sm.getImmediateSpellingLoc(loc);
  if (!loc.isMacroID())
    return false;
  std::string macro = macroNameAt(loc, ctx);
  return !retryWords().match(macro);
}

/// std::make_unique, std::make_shared: they build an object from their arguments.
bool isObjectFactory(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  std::string name = fd ? fd->getQualifiedNameAsString() : calleeName(call);
  return name == "std::make_unique" || name == "std::make_shared" || name == "std::allocate_shared";
}

/// A comparison gives a flag (attempt + 1 >= kResetAfter, candidates.size() > 1): two
/// values cannot walk through items, so what it reads does not move an input.
bool isComparison(const Stmt *s) {
  if (const auto *bo = dyn_cast<BinaryOperator>(s))
    return bo->isComparisonOp();
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s))
    return op->isComparisonOp();
  return false;
}

/// The variables `e` reads for their value, less those only compared.
void collectValueReads(const Stmt *e, llvm::SmallPtrSetImpl<const VarDecl *> &out) {
  forEachDescendant(e, [&](const Stmt *s) {
    if (isComparison(s))
      return false;
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        out.insert(var->getCanonicalDecl());
    return true;
  });
}

/// A value that moves the loop on to something new: p = p->next, id = gen->Next(),
/// url = response.Location(), offset += n.
bool advances(const LoopEvent &e, const LoopAnatomy &a, const ASTContext &ctx) {
  if (isa<UnaryOperator>(e.stmt))
    return !e.var->getType()->isIntegerType(); // ++it, ++p
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e.stmt))
    if (op->getOperator() == OO_PlusPlus || op->getOperator() == OO_MinusMinus)
      return true; // an iterator
  if (!e.value || fromRetryDecision(e.value))
    return false;
  Expr::EvalResult constant;
  if (!e.value->isValueDependent() && e.value->EvaluateAsRValue(constant, ctx))
    return false; // a reset to a constant
  if (const auto *bo = dyn_cast<BinaryOperator>(e.stmt); bo && bo->isCompoundAssignmentOp()) {
    // offset += n moves on by what the loop read; delay += kStep is a step, not a move.
    if (bo->getOpcode() != BO_AddAssign && bo->getOpcode() != BO_SubAssign)
      return false;
    return readsAnyOf(bo->getRHS(), changedVars(a));
  }
  bool moves = false;
  forEachDescendant(e.value, [&](const Stmt *s) {
    if (const auto *member = dyn_cast<MemberExpr>(s)) // node = node->next
      if (const auto *ref = dyn_cast<DeclRefExpr>(member->getBase()->IgnoreParenImpCasts()))
        moves |= ref->getDecl()->getCanonicalDecl() == e.var;
    if (const auto *sub = dyn_cast<ArraySubscriptExpr>(s)) // p = table[p]
      if (const auto *ref = dyn_cast<DeclRefExpr>(sub->getBase()->IgnoreParenImpCasts()))
        moves |= ref->getDecl()->getCanonicalDecl() == e.var;
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      // make_unique<Session>(request, pool.Get()): a new object of the same inputs, not
      // the next item; what its arguments read decides.
      if (isObjectFactory(call))
        return true;
      moves |= stepsToNext(call) && !restartsWalk(a, call);
    }
    if (const auto *ref = dyn_cast<DeclRefExpr>(s)) // a new target from the last result
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        moves |= a.outcomeVars.count(var->getCanonicalDecl()) && var->getCanonicalDecl() != e.var;
    return !moves;
  });
  return moves;
}

/// Variables an operation writes through a pointer (Begin(&highest_seen)): results too.
llvm::SmallPtrSet<const VarDecl *, 8> outputsOfOperations(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> outputs;
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Call && e.isOperation)
        for (const VarDecl *var : pointerOutputs(cast<CallExpr>(e.stmt)))
          outputs.insert(var);
  return outputs;
}

/// Members of this object the loop steps from their own value (cursor_ = (cursor_ + 1) % n,
/// ++next_). Only their use as an index makes them a cursor, so a name is no exception:
/// reconnect_idx_ picks the next host all the same.
llvm::SmallPtrSet<const FieldDecl *, 4> steppedMembers(const LoopAnatomy &a) {
  llvm::SmallPtrSet<const FieldDecl *, 4> stepped;
  forEachDescendant(a.loop, [&](const Stmt *s) {
    const FieldDecl *f = nullptr;
    if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
      if ((f = policies::thisField(bo->getLHS())) && !bo->isCompoundAssignmentOp() &&
          !policies::reads(bo->getRHS(), f))
        f = nullptr;
    if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementDecrementOp())
      f = policies::thisField(uo->getSubExpr());
    if (f)
      stepped.insert(f->getCanonicalDecl());
    return true;
  });
  return stepped;
}

/// `e` picks an element by a stepped member: hosts_[cursor_], hosts_.at(cursor_).
bool indexedByStepped(const Expr *e, const llvm::SmallPtrSetImpl<const FieldDecl *> &stepped) {
  bool found = false;
  forEachDescendant(e, [&](const Stmt *s) {
    const Expr *index = subscriptIndex(s);
    if (const auto *c = dyn_cast<CXXMemberCallExpr>(s); c && unqualified(calleeName(c)) == "at" && c->getNumArgs() == 1)
      index = c->getArg(0);
    if (index)
      for (const FieldDecl *f : stepped)
        found |= policies::reads(index, f);
    return !found;
  });
  return found;
}

/// Each iteration works on something new: a walk, a search, a redirect, a stream. Returns
/// the variable that moves the operation's input, or "".
std::string inputsAdvance(const LoopAnatomy &a, const ASTContext &ctx) {
  llvm::SmallPtrSet<const VarDecl *, 8> counters = attemptCounters(a, ctx), moving;
  llvm::SmallPtrSet<const VarDecl *, 8> outputs = outputsOfOperations(a);
  std::vector<const LoopEvent *> assigns;
  for (const auto *list : {&a.events, &a.condEvents, &a.incEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Assign && e.member.empty())
        assigns.push_back(&e);
  // An inner loop's cursor (for (const auto &host : hosts) ping(host)) is declared in this
  // loop and starts over in every round: each round tries the same list again. A cursor
  // declared outside and stepped in an inner loop (++offset per applied entry) moves on.
  llvm::SmallPtrSet<const VarDecl *, 8> declaredInside, restarting;
  forEachDescendant(a.loop, [&](const Stmt *st) {
    if (const auto *ds = dyn_cast<DeclStmt>(st))
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d))
          declaredInside.insert(var->getCanonicalDecl());
    return true;
  });
  for (const LoopEvent *e : assigns)
    if (e->inInnerLoop && declaredInside.count(e->var))
      restarting.insert(e->var);
  for (const LoopEvent *e : assigns)
    if (!e->inInnerLoop)
      restarting.erase(e->var);
  for (const VarDecl *v : restarting)
    counters.erase(v);
  for (const LoopEvent *e : assigns) {
    // A flag (bool failover = candidates.size() > 1) takes two values: it walks nowhere.
    if (counters.count(e->var) || e->var->getType()->isBooleanType() || restarting.count(e->var))
      continue;
    bool fromOutput = false; // try_id = highest_seen + 1, from the last attempt's output
    if (e->value && !outputs.count(e->var)) {
      llvm::SmallPtrSet<const VarDecl *, 4> reads;
      collectReadVars(e->value, reads);
      // s = Create(opts, &client): the call writes its output; it does not read the last one.
      forEachDescendant(e->value, [&](const Stmt *st) {
        if (const auto *call = dyn_cast<CallExpr>(st))
          for (const VarDecl *written : pointerOutputs(call))
            reads.erase(written);
        return true;
      });
      for (const VarDecl *v : reads)
        fromOutput |= outputs.count(v) > 0;
    }
    if (fromOutput || advances(*e, a, ctx))
      moving.insert(e->var);
  }
  // A member cursor picks the target: addr = hosts_[cursor_]; cursor_ = (cursor_ + 1) % n.
  llvm::SmallPtrSet<const FieldDecl *, 4> stepped = steppedMembers(a);
  if (!stepped.empty())
    for (const LoopEvent *e : assigns)
      if (e->value && indexedByStepped(e->value, stepped))
        moving.insert(e->var);
  // A counter not named for attempts is an index: items[i], Get(list, i), url = urls[i].
  for (const VarDecl *c : counters)
    if (!retryWords().match(c->getName()))
      moving.insert(c);
  addCursorsSteppedByIncrement(a, moving);
  // What is computed from something that moves moves too: path = Join(dir, id), and a
  // request whose field is set from an item: query.path = paths[i].
  for (bool grew = true; grew;) {
    grew = addRequestsFilledFromMoving(a, moving);
    for (const LoopEvent *e : assigns) {
      if (moving.count(e->var) || !e->value || e->var->getType()->isBooleanType() ||
          fromRetryDecision(e->value))
        continue;
      llvm::SmallPtrSet<const VarDecl *, 4> reads;
      collectValueReads(e->value, reads);
      for (const VarDecl *v : reads)
        if (moving.count(v) && moving.insert(e->var).second)
          grew = true;
    }
  }
  llvm::SmallPtrSet<const FieldDecl *, 4> members = membersSetFromMoving(a, moving);
  // An inner loop's own cursor (each node the attempt returned) is the inner loop's business:
  // the attempt it follows is still the same one. What the outer turn moved still counts
  // there: key = KeyAt(i), then Hash(key, probe) for each probe.
  llvm::SmallPtrSet<const VarDecl *, 8> perTurn = moving;
  for (const LoopEvent *e : assigns)
    if (e->inInnerLoop)
      perTurn.erase(e->var);
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list) {
      if (e.kind != LoopEvent::Kind::Call || !e.isOperation)
        continue;
      const auto *call = cast<CallExpr>(e.stmt);
      if (decidesRetry(call))
        continue; // shouldRetry(code, response) reads the last result: it decides, it walks not
      if (std::string member = movingMemberInput(call, members); !member.empty() && !e.inInnerLoop)
        return member;
      std::vector<const Expr *> inputs(call->arg_begin(), call->arg_end());
      if (const auto *member = dyn_cast<CXXMemberCallExpr>(call))
        inputs.push_back(member->getImplicitObjectArgument());
      for (const Expr *input : inputs) {
        if (!stepped.empty() && !e.inInnerLoop && indexedByStepped(input, stepped))
          return "the element picked by a member cursor";
        std::string walks;
        forEachDescendant(input, [&](const Stmt *s) {
          if (isComparison(s))
            return false; // Open(request, attempt + 1 >= kReset): a flag, not an index
          if (const auto *ref = dyn_cast<DeclRefExpr>(s))
            if (const auto *var = dyn_cast<VarDecl>(ref->getDecl());
                var && (e.inInnerLoop ? perTurn : moving).count(var->getCanonicalDecl()))
              walks = var->getNameAsString();
          return walks.empty();
        });
        if (!walks.empty())
          return walks;
      }
    }
  return {};
}

/// The failure path hands this round's work, with the error, to a call (fail_all(batch,
/// std::current_exception())): the requests are answered with the failure and the next round
/// takes new work. A worker's loop, not a retry of those requests. Returns the work's name.
std::string failsItsWork(const LoopAnatomy &a) {
  // This round's work: declared in the body from a call, and the input of another call.
  llvm::SmallPtrSet<const VarDecl *, 4> work;
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Assign && isa<DeclStmt>(e.stmt) && !e.inInnerLoop && e.value &&
        isa<CallExpr>(withoutTemporaries(e.value)->IgnoreParenImpCasts()))
      work.insert(e.var);
  auto passes = [](const CallExpr *call, const VarDecl *v) {
    for (const Expr *arg : call->arguments())
      if (const auto *ref = dyn_cast<DeclRefExpr>(arg->IgnoreParenImpCasts()))
        if (ref->getDecl()->getCanonicalDecl() == v)
          return true;
    return false;
  };
  auto carriesError = [&](const CallExpr *call, const VarDecl *w) {
    bool error = false;
    for (const Expr *arg : call->arguments())
      forEachDescendant(arg, [&](const Stmt *s) {
        if (const auto *c = dyn_cast<CallExpr>(s))
          error |= unqualified(calleeName(c)) == "current_exception";
        if (const auto *ref = dyn_cast<DeclRefExpr>(s))
          if (const auto *v = dyn_cast<VarDecl>(ref->getDecl()))
            error |= v->isExceptionVariable() ||
                     (v->getCanonicalDecl() != w && a.outcomeVars.count(v->getCanonicalDecl()));
        return !error;
      });
    return error;
  };
  for (const VarDecl *w : work) {
    bool input = false, failed = false;
    for (const LoopEvent &e : a.events) {
      if (e.kind != LoopEvent::Kind::Call || e.inInnerLoop || !passes(cast<CallExpr>(e.stmt), w))
        continue;
      const auto *call = cast<CallExpr>(e.stmt);
      bool onFailure = e.inCatch;
      for (const Guard &g : e.guards)
        if (g.cond && (g.negated ? flip(classifyOutcomeTest(g.cond, a)) : classifyOutcomeTest(g.cond, a)) ==
                          Outcome::Failure)
          onFailure = true;
      if (onFailure && carriesError(call, w))
        failed = true;
      else if (!onFailure)
        input = true;
    }
    if (input && failed)
      return w->getNameAsString();
  }
  return {};
}

/// A project function whose body does in-process work only (containers, atomics, locks,
/// its own members), looked into `depth` levels deep. A call with no body here is opaque.
bool inProcessBody(const FunctionDecl *fd, unsigned depth) {
  if (!fd || !fd->getBody() || depth == 0)
    return false;
  bool opaque = false;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    const auto *call = dyn_cast<CallExpr>(s);
    if (!call || opaque)
      return !opaque;
    if (!isAttemptCall(call))
      return true; // in-process, a query, a wait, a clock...
    opaque = !inProcessBody(calleeWithBody(call), depth - 1);
    return !opaque;
  });
  return !opaque;
}

/// Every operation is in-process work: a spin on a project's own lock, a reservation of
/// local memory. What is retried never leaves the process.
bool onlyInProcess(const LoopAnatomy &a) {
  bool any = false;
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list) {
      if (e.kind != LoopEvent::Kind::Call || !e.isOperation)
        continue;
      any = true;
      if (!inProcessBody(calleeWithBody(cast<CallExpr>(e.stmt)), 3))
        return false;
    }
  return any;
}

bool classifiesFailure(const LoopAnatomy &a, const ASTContext &ctx) {
  for (const Expr *test : decidingTests(a))
    if (classifiesFailureIn(test, ctx))
      return true;
  // next = shouldRetry(code, response); if (!next) throw ...: the decision is tested
  // through the variable that holds it.
  llvm::SmallPtrSet<const VarDecl *, 8> tested;
  for (const Expr *test : decidingTests(a))
    collectReadVars(test, tested);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Assign && tested.count(e.var) && fromRetryDecision(e.value))
      return true;
  // catch (const TransportException &): a kind of failure, caught to be retried.
  bool caught = false;
  forEachDescendant(a.loop, [&](const Stmt *s) {
    if (const auto *handler = dyn_cast<CXXCatchStmt>(s))
      caught |= !handler->getCaughtType().isNull();
    return !caught;
  });
  return caught;
}

/// The loop's condition, exit tests or operations did not compile (a missing header): what
/// the model would read there is unknown, so it claims nothing.
bool builtOnErrors(const LoopAnatomy &a) {
  for (const Expr *test : decidingTests(a))
    if (test->containsErrors())
      return true;
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Call && e.isOperation && cast<Expr>(e.stmt)->containsErrors())
        return true;
  return false;
}

} // namespace

bool classifiesFailureIn(const Expr *test, const ASTContext &ctx) {
  Vocabulary &vocab = Vocabulary::current();
  bool found = false;
  forEachDescendant(test, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      found |= vocab.is(call, CallRole::FailureClassifier);
    else if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      found |= !isa<VarDecl>(ref->getDecl()) && failureKinds().match(ref->getDecl()->getName());
    if (!found && isa<Expr>(s))
      found |= failureKinds().match(macroNameAt(s->getBeginLoc(), ctx));
    return !found;
  });
  return found;
}

namespace {

/// The variable or member a member call is made on (iter in iter.next()), else null.
const ValueDecl *receiverOf(const CallExpr *call) {
  const Expr *obj = objectOf(call);
  obj = obj ? obj->IgnoreParenImpCasts() : nullptr;
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(obj))
    return ref->getDecl();
  if (const auto *member = dyn_cast_or_null<MemberExpr>(obj))
    return member->getMemberDecl();
  return nullptr;
}

} // namespace

bool restartsWalk(const LoopAnatomy &a, const CallExpr *advance) {
  const ValueDecl *cursor = receiverOf(advance);
  bool restarts = false;
  if (cursor)
    forEachDescendant(a.loop, [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s)) {
        std::string n = llvm::StringRef(unqualified(calleeName(call))).lower();
        restarts |= (n == "reset" || n == "rewind" || n == "restart") && receiverOf(call) == cursor;
      }
      return !restarts;
    });
  return restarts;
}

bool namesRetry(llvm::StringRef name) { return retryWords().match(name); }

std::string notARetry(const LoopAnatomy &a, ASTContext &ctx) {
  if (builtOnErrors(a))
    return "errors";
  if (spelledByMacro(a, ctx))
    return "macro";
  // Waiting for readiness, or for "would block" alone; a connect refused with EAGAIN among
  // other failures is still retried.
  if (a.waitsForReadiness || (testsWouldBlock(a, ctx) && !classifiesFailure(a, ctx)))
    return "readiness";
  if (std::string moving = inputsAdvance(a, ctx); !moving.empty())
    return "walk (" + moving + " moves on)";
  if (std::string work = failsItsWork(a); !work.empty())
    return "worker (fails " + work + " with the error)";
  if (onlyInProcess(a))
    return "in-process";
  return {};
}

RetryEvidence gatherEvidence(const LoopAnatomy &a, const FunctionDecl *fn, const RetryLoop &loop) {
  RetryEvidence e;
  e.classifiesFailure = classifiesFailure(a, fn->getASTContext());
  e.waits = !loop.sleeps.empty();
  using Kind = AttemptBound::Kind;
  Kind k = loop.attempts.kind;
  e.bounded = k == Kind::Constant || k == Kind::Symbolic || k == Kind::Deadline;
  std::vector<std::string> names{fn->getNameAsString(), loop.attempts.symbol};
  for (const VarDecl *v : changedVars(a))
    names.push_back(v->getNameAsString());
  for (const SleepSite &s : loop.sleeps)
    names.push_back(s.sleepCall);
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &ev : *list)
      if (ev.kind == LoopEvent::Kind::Call && ev.isOperation) {
        names.push_back(calleeName(cast<CallExpr>(ev.stmt)));
        names.push_back(callableName(cast<CallExpr>(ev.stmt))); // attemptFn(), retryCallback()
      }
  for (const std::string &n : names)
    e.retryNames |= retryWords().match(n);
  return e;
}

std::vector<OpaqueCall> opaqueCalls(const LoopAnatomy &a, ASTContext &ctx) {
  std::vector<OpaqueCall> out;
  for (const LoopEvent &e : a.events) {
    if (e.kind != LoopEvent::Kind::Call || e.isOperation || e.awaitsResult || out.size() >= 8)
      continue;
    const auto *call = cast<CallExpr>(e.stmt);
    const CallKind &kind = Vocabulary::current().of(call);
    if (kind.is(CallRole::Query) || kind.is(CallRole::InProcess) || kind.is(CallRole::ClockRead) ||
        kind.is(CallRole::RandomSource) || kind.is(CallRole::BudgetGate))
      continue;
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || calleeWithBody(call) ||
        ctx.getSourceManager().isInSystemHeader(callee->getLocation()))
      continue;
    if (std::string usr = usrOf(callee); !usr.empty())
      out.push_back({usr, callee->getQualifiedNameAsString(), makeSpan(call->getSourceRange(), ctx)});
  }
  return out;
}

} // namespace retrylint
