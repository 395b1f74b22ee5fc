#include "frontend/policies/Reinvocations.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/DelayShape.h"
#include "frontend/loops/JitterKinds.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayPolicies.h"
#include "frontend/policies/FailureContext.h"
#include "frontend/policies/ReinvocationGraph.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <optional>
#include <map>
#include <set>

using namespace clang;

namespace retrylint {
namespace {

/// Steps from a failure back to the function that failed: a completion handler, a timer's
/// handler, a helper and the operation itself fit in this.
constexpr int MaxCycleLength = 6;
/// Rounds simulated to count attempts, and delays shown for an open-ended retry.
constexpr int MaxRounds = 64, ShownDelays = 6;

bool namesCancel(llvm::StringRef name) {
  static const llvm::Regex Cancel("(stop|closed|closing|cancel|shut|abort|destroy|alive|running|terminat|"
                                  "exiting|dispos|in_?progress)",
                                  llvm::Regex::IgnoreCase);
  return Cancel.match(name);
}

bool namesDeadline(llvm::StringRef name) {
  static const llvm::Regex Deadline("(expir|timed_?out|deadline|elapsed|remaining|time_?left|timeout|has_?time)",
                                    llvm::Regex::IgnoreCase);
  return Deadline.match(name);
}

/// Every name a condition reads: variables, members, called functions.
std::vector<std::string> namesIn(const Expr *e, const ASTContext &ctx) {
  std::vector<std::string> names;
  forEachDescendant(e, [&](const Stmt *s) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      names.push_back(ref->getDecl()->getNameAsString());
    else if (const auto *m = dyn_cast<MemberExpr>(s))
      names.push_back(m->getMemberDecl()->getNameAsString());
    else if (const auto *call = dyn_cast<CallExpr>(s))
      names.push_back(unqualified(calleeName(call)));
    if (isa<Expr>(s))
      if (std::string macro = macroNameAt(s->getBeginLoc(), ctx); !macro.empty())
        names.push_back(macro);
    return true;
  });
  return names;
}

/// What one round of a retry's cycle must pass: a guard of one of its steps.
struct CycleGuard {
  PathGuard guard;
  const FunctionDecl *in = nullptr;
  int says = 0;          // +1 failure, -1 success, 0 neither
  bool cancel = false;   // a cancellation or lifetime check: not a bound
  bool deadline = false; // a clock or a deadline
  bool counter = false;  // reads an attempt counter
  bool delay = false;    // tests the delay itself (delay_ms > 0)
};

/// An attempt counter of a cycle: a parameter passed on as `attempt + 1`, or a member that a
/// step increments.
struct Counters {
  std::set<std::string> paramNames;          // integer parameters threaded through the cycle
  std::set<const FieldDecl *> fields;         // members incremented on the cycle
  std::map<const FieldDecl *, const Stmt *> increments;
  bool reads(const Expr *e) const {
    bool found = false;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(s))
        if (const auto *v = dyn_cast<VarDecl>(ref->getDecl()); v && paramNames.count(v->getNameAsString()) &&
                                                                v->getType()->isIntegerType())
          found = true;
      if (const auto *m = dyn_cast<MemberExpr>(s))
        if (const auto *f = dyn_cast<FieldDecl>(m->getMemberDecl()); f && fields.count(f))
          found = true;
      return !found;
    });
    return found;
  }
};

/// The retry being described: a cycle through the functions, closed by a failure.
struct Cycle {
  std::vector<const ReinvocationEdge *> steps; // from the failure back to the root
  /// The functions each round runs: the cycle's, or a scheduler's and its handler; none for a
  /// call of a scheduler whose body is elsewhere (what it retries is not visible here).
  std::set<const FunctionDecl *> members;
  const FunctionDecl *root = nullptr;          // the function re-invoked
  const ReinvocationEdge *report = nullptr;    // the re-invocation to report at
  RetryShape shape = RetryShape::Recursion;
  bool byName = false; // a retry scheduler's call or body, not a cycle seen whole
};

const Expr *bare(const Expr *e) { return e ? e->IgnoreParenImpCasts() : nullptr; }

class SiteBuilder {
public:
  SiteBuilder(ASTContext &ctx, const ReinvocationGraph &graph) : ctx(ctx), graph(graph) {}

  void run(std::vector<RetryLoop> &out, llvm::DenseMap<const Stmt *, int> &loopIndex) {
    std::vector<Cycle> cycles;
    std::set<const Expr *> reported;
    for (const FunctionDecl *fd : graph.functions())
      for (const ReinvocationEdge &e : graph.edgesFrom(fd)) {
        bool classifies = false;
        if (!failureGuarded(e, classifies))
          continue;
        if (auto c = closeCycle(e); c && reported.insert(c->report->call).second)
          cycles.push_back(*c);
      }
    // By name: a retry scheduler's call under a failure, or its body deferring an attempt.
    for (const FunctionDecl *fd : graph.functions())
      forEachDescendant(fd->getBody(), [&](const Stmt *s) {
        const auto *call = dyn_cast<CallExpr>(s);
        if (!call || !Vocabulary::current().is(call, CallRole::RetryScheduler) || reported.count(call))
          return true;
        const FunctionDecl *callee = graph.resolve(call, fd);
        if (callee && schedulerBodySite(callee))
          return true; // its own body is the site
        ReinvocationEdge *edge = ownEdge(fd, call, callee);
        bool classifies = false;
        if (!failureGuarded(*edge, classifies))
          return true;
        Cycle c;
        c.steps = {edge};
        c.root = outermost(fd);
        c.report = edge;
        c.shape = RetryShape::Timer;
        c.byName = true;
        c.members = {fd};
        reported.insert(call);
        cycles.push_back(c);
        return true;
      });
    for (const FunctionDecl *fd : graph.functions())
      if (const ReinvocationEdge *e = schedulerBodySite(fd); e && !reported.count(e->call)) {
        Cycle c;
        c.steps = {e};
        c.root = fd;
        c.report = e;
        c.shape = shapeOf(e->kind);
        c.byName = true;
        c.members = {fd, e->to};
        reported.insert(e->call);
        cycles.push_back(c);
      }
    std::sort(cycles.begin(), cycles.end(), [&](const Cycle &a, const Cycle &b) {
      return ctx.getSourceManager().isBeforeInTranslationUnit(a.report->call->getBeginLoc(),
                                                              b.report->call->getBeginLoc());
    });
    for (const Cycle &c : cycles) {
      int index = static_cast<int>(out.size());
      out.push_back(describe(c));
      if (c.byName && c.members.size() < 2)
        continue; // a scheduler's call: what it retries is not here
      for (const FunctionDecl *fd : c.members)
        if (fd && fd->getBody() && !loopIndex.count(fd->getBody()))
          loopIndex[fd->getBody()] = index;
    }
  }

private:
  static RetryShape shapeOf(EdgeKind k) {
    switch (k) {
    case EdgeKind::Timer:
    case EdgeKind::Schedule: return RetryShape::Timer;
    case EdgeKind::Post: return RetryShape::Post;
    case EdgeKind::Continuation:
    case EdgeKind::ErrorContinuation: return RetryShape::Continuation;
    case EdgeKind::Direct:
    case EdgeKind::Callback: return RetryShape::Recursion;
    }
    return RetryShape::Recursion;
  }

  const FunctionDecl *outermost(const FunctionDecl *fd) const {
    while (const FunctionDecl *parent = graph.enclosing(fd))
      fd = parent;
    return fd;
  }

  const OutcomeVars &outcomesOf(const FunctionDecl *fd) {
    auto it = outcomeCache.find(fd);
    if (it == outcomeCache.end())
      it = outcomeCache.emplace(fd, outcomeVarsOf(fd, graph.isCompletionHandler(fd))).first;
    return it->second;
  }

  /// The step runs only after a failure: a guard on its way says so, or it is in an error
  /// continuation.
  bool failureGuarded(const ReinvocationEdge &e, bool &classifies) {
    if (graph.isErrorHandler(e.from))
      return true;
    bool failure = false;
    for (const PathGuard &g : guardsOf(e.call, e.from))
      failure |= guardSays(g, outcomesOf(e.from), classifies, ctx) > 0;
    return failure;
  }

  /// A synthetic step for a call the graph does not hold (a scheduler with no body here).
  ReinvocationEdge *ownEdge(const FunctionDecl *fd, const CallExpr *call, const FunctionDecl *callee) {
    owned.push_back({fd, callee, call, EdgeKind::Schedule});
    owned.back().scheduler = calleeName(call);
    return &owned.back();
  }

  /// A retry scheduler by its name (schedule_for_retry, scheduleReconnection) whose body defers
  /// an attempt: the deferring call.
  const ReinvocationEdge *schedulerBodySite(const FunctionDecl *fd) {
    if (!Vocabulary::current().declIs(fd, DeclRole::RetrySchedulerName) || !fd->getReturnType()->isVoidType())
      return nullptr;
    for (const ReinvocationEdge &e : graph.edgesFrom(fd)) {
      if (e.kind != EdgeKind::Timer && e.kind != EdgeKind::Schedule && e.kind != EdgeKind::Post)
        continue;
      if (attempts(e.to))
        return &e;
    }
    return nullptr;
  }

  /// The body (or what it calls here, one level down) makes an attempt.
  bool attempts(const FunctionDecl *fd, int depth = 2) {
    bool found = false;
    forEachDescendant(fd->getBody(), [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s)) {
        const CallKind &kind = Vocabulary::current().of(call);
        if (isAttemptCall(call) && !kind.is(CallRole::TimerArm) && !kind.is(CallRole::MayWait))
          found = true;
      }
      return !found;
    });
    (void)depth;
    return found;
  }

  /// From a failure-guarded step, the way back to the function that failed (or one that
  /// holds it), if there is one within MaxCycleLength steps.
  std::optional<Cycle> closeCycle(const ReinvocationEdge &e) {
    std::set<const FunctionDecl *> roots;
    for (const FunctionDecl *f = e.from; f; f = graph.enclosing(f))
      roots.insert(f);
    std::map<const FunctionDecl *, const ReinvocationEdge *> via;
    std::deque<std::pair<const FunctionDecl *, int>> queue{{e.to, 0}};
    via[e.to] = nullptr;
    const FunctionDecl *reached = roots.count(e.to) ? e.to : nullptr;
    while (!queue.empty() && !reached) {
      auto [fd, depth] = queue.front();
      queue.pop_front();
      if (depth >= MaxCycleLength)
        continue;
      for (const ReinvocationEdge &next : graph.edgesFrom(fd)) {
        if (via.count(next.to))
          continue;
        via[next.to] = &next;
        if (roots.count(next.to)) {
          reached = next.to;
          break;
        }
        queue.push_back({next.to, depth + 1});
      }
    }
    if (!reached)
      return std::nullopt;
    Cycle c;
    c.root = reached;
    std::vector<const ReinvocationEdge *> back;
    for (const FunctionDecl *f = reached; via[f]; f = via[f]->from)
      back.push_back(via[f]);
    std::reverse(back.begin(), back.end());
    c.steps.push_back(&e);
    c.steps.insert(c.steps.end(), back.begin(), back.end());
    for (const ReinvocationEdge *s : c.steps)
      c.members.insert(s->from), c.members.insert(s->to);
    // The last step re-invokes the root: with the same inputs, or it is a walk.
    const ReinvocationEdge *closing = c.steps.back();
    if (closing->kind == EdgeKind::Direct)
      if (const auto *call = dyn_cast<CallExpr>(closing->call); call && argumentsAdvance(call))
        return std::nullopt;
    if (!makesAttempt(c))
      return std::nullopt;
    for (EdgeKind wanted : {EdgeKind::Timer, EdgeKind::Schedule, EdgeKind::Post, EdgeKind::Continuation,
                            EdgeKind::ErrorContinuation})
      for (const ReinvocationEdge *s : c.steps)
        if (!c.report && (s->kind == wanted || (wanted == EdgeKind::Timer && s->kind == EdgeKind::Schedule)))
          c.report = s;
    if (!c.report)
      c.report = &e;
    c.shape = shapeOf(c.report->kind);
    return c;
  }

  /// The cycle's functions call something that can fail elsewhere (not only each other).
  bool makesAttempt(const Cycle &c) {
    const std::set<const FunctionDecl *> &members = c.members;
    for (const FunctionDecl *fd : members) {
      bool found = false;
      forEachDescendant(fd->getBody(), [&](const Stmt *s) {
        if (const auto *call = dyn_cast<CallExpr>(s)) {
          const FunctionDecl *callee = graph.resolve(call, fd);
          const CallKind &kind = Vocabulary::current().of(call);
          if (isAttemptCall(call) && (!callee || !members.count(callee)) && !kind.is(CallRole::TimerArm) &&
              !kind.is(CallRole::TimerWait) && !kind.is(CallRole::Post) && !kind.is(CallRole::ScheduleAfter))
            found = true;
        }
        return !found;
      });
      if (found)
        return true;
    }
    return false;
  }

  /// Recursion whose arguments move on (Walk(node->left), Parse(rest)) walks; a retry passes
  /// its inputs again, with at most an attempt counter stepped.
  bool argumentsAdvance(const CallExpr *call) {
    for (const Expr *arg : call->arguments()) {
      const Expr *a = bare(arg);
      if (const auto *c = dyn_cast<CallExpr>(a); c && (unqualified(calleeName(c)) == "move" ||
                                                       unqualified(calleeName(c)) == "forward") && c->getNumArgs() == 1)
        a = bare(c->getArg(0));
      if (isa<DeclRefExpr, IntegerLiteral, CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, CXXThisExpr>(a))
        continue;
      if (const auto *m = dyn_cast<MemberExpr>(a); m && isa<CXXThisExpr>(bare(m->getBase())))
        continue; // a member of this object, passed again
      if (const auto *bo = dyn_cast<BinaryOperator>(a); bo && (bo->getOpcode() == BO_Add || bo->getOpcode() == BO_Sub))
        if (const auto *ref = dyn_cast<DeclRefExpr>(bare(bo->getLHS())); ref && namesRetry(ref->getDecl()->getName()))
          continue; // attempt + 1
      if (const auto *uo = dyn_cast<UnaryOperator>(a); uo && uo->isIncrementDecrementOp())
        if (const auto *ref = dyn_cast<DeclRefExpr>(bare(uo->getSubExpr())); ref && namesRetry(ref->getDecl()->getName()))
          continue;
      if (isa<CXXConstructExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(a)) {
        // a copy of a variable (std::string s passed by value)
        bool onlyVars = true;
        forEachDescendant(a, [&](const Stmt *s) {
          onlyVars &= !isa<MemberExpr, ArraySubscriptExpr, CallExpr>(s) || isa<CXXConstructExpr>(s);
          return onlyVars;
        });
        if (onlyVars)
          continue;
      }
      return true;
    }
    return false;
  }

  Counters countersOf(const Cycle &c) {
    Counters counters;
    std::set<const FunctionDecl *> members = c.members;
    for (const ReinvocationEdge *s : c.steps)
      members.insert(s->from);
    for (const ReinvocationEdge *s : c.steps)
      if (const auto *call = dyn_cast<CallExpr>(s->call))
        for (const Expr *arg : call->arguments()) {
          const Expr *a = bare(arg);
          const Expr *stepped = nullptr;
          if (const auto *bo = dyn_cast<BinaryOperator>(a); bo && (bo->getOpcode() == BO_Add || bo->getOpcode() == BO_Sub) &&
                                                              isa<IntegerLiteral>(bare(bo->getRHS())))
            stepped = bo->getLHS();
          if (const auto *uo = dyn_cast<UnaryOperator>(a); uo && uo->isIncrementDecrementOp())
            stepped = uo->getSubExpr();
          if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(bare(stepped)))
            if (ref->getType()->isIntegerType())
              counters.paramNames.insert(ref->getDecl()->getNameAsString());
        }
    for (const FunctionDecl *fd : members)
      forEachDescendant(fd->getBody(), [&](const Stmt *s) {
        const Expr *target = nullptr;
        if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementOp())
          target = uo->getSubExpr();
        if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_AddAssign &&
                                                         isa<IntegerLiteral>(bare(bo->getRHS())))
          target = bo->getLHS();
        if (const auto *m = dyn_cast_or_null<MemberExpr>(bare(target)))
          if (const auto *f = dyn_cast<FieldDecl>(m->getMemberDecl()); f && f->getType()->isIntegerType()) {
            counters.fields.insert(f);
            counters.increments.emplace(f, s);
          }
        return true;
      });
    return counters;
  }

  std::vector<CycleGuard> guardsOfCycle(const Cycle &c, const Counters &counters,
                                        const std::vector<const Expr *> &delaySlice, bool &classifies) {
    std::vector<CycleGuard> out;
    llvm::SmallPtrSet<const VarDecl *, 8> delayVars;
    for (const Expr *e : delaySlice)
      collectReadVars(e, delayVars);
    for (const ReinvocationEdge *s : c.steps)
      for (const PathGuard &g : guardsOf(s->call, s->from)) {
        CycleGuard cg{g, s->from};
        cg.says = guardSays(g, outcomesOf(s->from), classifies, ctx);
        const Expr *cond = g.cond;
        if (cond && counters.reads(cond))
          cg.counter = true;
        if (cond && g.kind != PathGuard::Kind::Case) {
          if (callsWithRole(cond, CallRole::ClockRead, 1))
            cg.deadline = true;
          for (const std::string &n : namesIn(cond, ctx)) {
            cg.cancel |= namesCancel(n);
            cg.deadline |= namesDeadline(n);
          }
          forEachDescendant(cond, [&](const Stmt *x) {
            if (const auto *call = dyn_cast<CallExpr>(x))
              cg.cancel |= Vocabulary::current().is(call, CallRole::Lifecycle);
            if (const auto *ref = dyn_cast<DeclRefExpr>(x)) {
              if (const auto *p = dyn_cast<ParmVarDecl>(ref->getDecl()); p && graph.isDeferredHandler(s->from) &&
                                                                        p->getDeclContext() == s->from)
                cg.cancel = true; // a timer's or a post's own completion code
              if (const auto *v = dyn_cast<VarDecl>(ref->getDecl()); v && delayVars.count(v->getCanonicalDecl()))
                cg.delay = true;
              if (const auto *v = dyn_cast<VarDecl>(ref->getDecl()); v && v->getInit())
                forEachDescendant(v->getInit(), [&](const Stmt *y) {
                  if (const auto *call = dyn_cast<CallExpr>(y))
                    cg.cancel |= unqualified(calleeName(call)) == "lock"; // auto self = weak.lock()
                  return true;
                });
            }
            return true;
          });
        }
        out.push_back(cg);
      }
    return out;
  }

  /// Evaluates a guard's condition in a round where every attempt fails: counters from the
  /// evaluator, tests of the outcome as failure makes them, cancellations as not cancelled.
  std::optional<bool> underFailure(const Expr *e, const CycleGuard &g, const Counters &counters,
                                   DelayEvaluator &eval) {
    if (!e)
      return std::nullopt;
    e = e->IgnoreParenImpCasts();
    if (const auto *c = dyn_cast<ExprWithCleanups>(e))
      return underFailure(c->getSubExpr(), g, counters, eval);
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot) {
      auto v = underFailure(u->getSubExpr(), g, counters, eval);
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (const auto *b = dyn_cast<BinaryOperator>(e); b && (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr)) {
      auto l = underFailure(b->getLHS(), g, counters, eval), r = underFailure(b->getRHS(), g, counters, eval);
      if (b->getOpcode() == BO_LOr) {
        if ((l && *l) || (r && *r))
          return true;
        return l && r ? std::optional<bool>(false) : std::nullopt;
      }
      if ((l && !*l) || (r && !*r))
        return false;
      return l && r ? std::optional<bool>(true) : std::nullopt;
    }
    if (counters.reads(e))
      return eval.evalCondition(e);
    LoopAnatomy a;
    a.outcomeVars = outcomesOf(g.in);
    Outcome o = classifyOutcomeTest(e, a);
    if (o != Outcome::Unrelated)
      return o == Outcome::Failure;
    for (const std::string &n : namesIn(e, ctx))
      if (namesCancel(n))
        return false;
    return std::nullopt;
  }

  /// Sets the counters to round `k` (k retries made before).
  void setRound(DelayEvaluator &eval, const Counters &counters, const Cycle &c, int k) {
    std::set<const FunctionDecl *> members = c.members;
    for (const ReinvocationEdge *s : c.steps)
      members.insert(s->from);
    for (const FunctionDecl *fd : members) {
      for (const ParmVarDecl *p : fd->parameters())
        if (counters.paramNames.count(p->getNameAsString()))
          eval.env[p->getCanonicalDecl()] = Quantity{Quantity::Kind::Number, double(k)};
      if (const auto *m = dyn_cast<CXXMethodDecl>(fd); m && m->getParent()->isLambda())
        for (const LambdaCapture &cap : m->getParent()->captures())
          if (cap.capturesVariable())
            if (const auto *v = dyn_cast<VarDecl>(cap.getCapturedVar()); v && counters.paramNames.count(v->getNameAsString()))
              eval.env[v->getCanonicalDecl()] = Quantity{Quantity::Kind::Number, double(k)};
    }
    for (const FieldDecl *f : counters.fields) {
      double start = 0;
      if (const Expr *init = f->getInClassInitializer())
        if (auto v = eval.eval(init))
          start = v->value;
      // Incremented in this round before it is tested or used: one more.
      eval.fields[f] = Quantity{Quantity::Kind::Number, start + k + 1};
    }
    for (const std::string &name : counters.paramNames) // captured copies elsewhere
      for (auto &[var, q] : eval.env)
        if (var->getNameAsString() == name)
          q = Quantity{Quantity::Kind::Number, double(k)};
  }

  /// The delay expression of the re-invocation and the function it is evaluated in: the
  /// timer's or schedule's delay, else a sleep just before the re-invocation.
  std::pair<const Expr *, const FunctionDecl *> delayOf(const Cycle &c, SleepCallInfo &unit,
                                                         std::string &sleepCall, const Expr *&sleepAt,
                                                         bool &unseenWait) {
    const ReinvocationEdge *r = c.report;
    if ((r->kind == EdgeKind::Timer || r->kind == EdgeKind::Schedule) && r->delay) {
      unit = r->unit;
      sleepCall = r->scheduler;
      sleepAt = r->call;
      return {r->delay, r->delayIn ? r->delayIn : r->from};
    }
    if (r->kind == EdgeKind::Timer || r->kind == EdgeKind::Schedule) {
      sleepCall = r->scheduler;
      sleepAt = r->call;
      unseenWait = true; // a delay this TU does not show
      return {nullptr, nullptr};
    }
    // A sleep before the re-invocation, in the blocks that hold it.
    for (const ReinvocationEdge *s : c.steps) {
      std::vector<const Stmt *> path;
      std::function<bool(const Stmt *)> find = [&](const Stmt *x) {
        if (!x)
          return false;
        path.push_back(x);
        if (x == s->call)
          return true;
        if (!isa<LambdaExpr>(x))
          for (const Stmt *child : x->children())
            if (find(child))
              return true;
        path.pop_back();
        return false;
      };
      if (!find(s->from->getBody()))
        continue;
      const CallExpr *sleep = nullptr;
      for (size_t i = 0; i + 1 < path.size(); ++i)
        if (const auto *cs = dyn_cast<CompoundStmt>(path[i]))
          for (const Stmt *before : cs->body()) {
            if (before == path[i + 1])
              break;
            forEachDescendant(before, [&](const Stmt *x) {
              if (const auto *call = dyn_cast<CallExpr>(x)) {
                const CallKind &kind = Vocabulary::current().of(call);
                if (kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait) ||
                    (kind.is(CallRole::MayWait) && !calleeWithBody(call)))
                  sleep = call;
              }
              return true;
            });
          }
      if (sleep) {
        const CallKind &kind = Vocabulary::current().of(sleep);
        sleepCall = calleeName(sleep);
        sleepAt = sleep;
        if ((kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait)) && kind.delay.delayArg < sleep->getNumArgs()) {
          unit = kind.delay;
          return {sleep->getArg(kind.delay.delayArg), s->from};
        }
        unseenWait = true;
        return {nullptr, nullptr};
      }
    }
    return {nullptr, nullptr};
  }

  /// The delay's expressions: itself, then what the locals it reads were set from.
  std::vector<const Expr *> sliceOf(const Expr *delay, const FunctionDecl *in) {
    std::vector<const Expr *> slice;
    if (!delay)
      return slice;
    slice.push_back(delay);
    llvm::SmallPtrSet<const VarDecl *, 8> seen;
    for (size_t i = 0; i < slice.size(); ++i) {
      llvm::SmallPtrSet<const VarDecl *, 8> reads;
      collectReadVars(slice[i], reads);
      for (const VarDecl *v : reads) {
        if (!seen.insert(v).second || !v->isLocalVarDecl())
          continue;
        if (const VarDecl *def = v->getDefinition(); def && def->getInit())
          slice.push_back(def->getInit());
        if (in && in->getBody())
          forEachDescendant(in->getBody(), [&](const Stmt *s) {
            const Expr *rhs = nullptr;
            if (assignedVar(s, &rhs) == v && rhs)
              slice.push_back(rhs);
            return true;
          });
      }
    }
    return slice;
  }

  static std::optional<double> toMs(std::optional<Quantity> q, SleepCallInfo unit) {
    if (!q || std::isnan(q->value))
      return std::nullopt;
    if (q->kind != Quantity::Kind::Number)
      return q->value;
    switch (unit.unit) {
    case DelayUnit::Seconds: return q->value * 1e3;
    case DelayUnit::Milliseconds: return q->value;
    case DelayUnit::Microseconds: return q->value * 1e-3;
    default: return std::nullopt; // a number where a duration was expected
    }
  }

  RetryLoop describe(const Cycle &c) {
    RetryLoop loop;
    loop.shape = c.shape;
    const FunctionDecl *named = outermost(c.root);
    loop.functionUsr = usrOf(named);
    loop.functionName = named->getQualifiedNameAsString();
    loop.loop = makeSpan(c.report->call->getSourceRange(), ctx);

    SleepCallInfo unit{0, DelayUnit::Milliseconds};
    std::string sleepCall;
    const Expr *sleepAt = nullptr;
    bool unseenWait = false;
    auto [delay, delayIn] = delayOf(c, unit, sleepCall, sleepAt, unseenWait);
    std::vector<const Expr *> slice = sliceOf(delay, delayIn);
    Counters counters = countersOf(c);
    bool classifies = false;
    std::vector<CycleGuard> guards = guardsOfCycle(c, counters, slice, classifies);

    // Attempts: a counter tested on the way round, a deadline, or nothing but outcomes.
    DelayEvaluator eval(ctx);
    bool counted = false;
    for (const CycleGuard &g : guards)
      counted |= g.counter;
    if (counted) {
      for (int k = 0; k < MaxRounds && loop.attempts.kind == AttemptBound::Kind::Unknown; ++k) {
        setRound(eval, counters, c, k);
        bool unknown = false;
        for (const CycleGuard &g : guards) {
          if (!g.counter)
            continue;
          auto v = underFailure(g.guard.cond, g, counters, eval);
          if (!v) {
            unknown = true;
            continue;
          }
          if (*v == g.guard.negated) { // the step is not taken in this round
            loop.attempts.kind = AttemptBound::Kind::Constant;
            loop.attempts.count = k + 1;
            break;
          }
        }
        if (unknown && loop.attempts.kind == AttemptBound::Kind::Unknown) {
          loop.attempts.kind = AttemptBound::Kind::Symbolic;
          loop.attempts.symbol = limitName(guards, counters);
        }
      }
    }
    if (loop.attempts.kind == AttemptBound::Kind::Unknown) {
      bool deadline = false, other = false;
      for (const CycleGuard &g : guards) {
        deadline |= g.deadline;
        other |= !g.deadline && !g.cancel && !g.delay && g.says == 0 && !g.counter;
      }
      if (deadline)
        loop.attempts.kind = AttemptBound::Kind::Deadline;
      else if (!other && !c.byName)
        loop.attempts.kind = AttemptBound::Kind::Unbounded;
    }

    // The delay of each round.
    if (delay || unseenWait) {
      SleepSite site;
      site.span = makeSpan((sleepAt ? sleepAt : c.report->call)->getSourceRange(), ctx);
      site.sleepCall = sleepCall;
      bool random = false;
      for (const Expr *x : slice)
        random |= callsWithRole(x, CallRole::RandomSource, 2);
      int rounds = loop.attempts.kind == AttemptBound::Kind::Constant ? int(loop.attempts.count) - 1 : ShownDelays;
      auto schedule = [&](DelayEvaluator::DrawAt at) {
        std::vector<double> values;
        DelayEvaluator e(ctx);
        e.drawAt = at;
        for (int k = 0; k < rounds && delay; ++k) {
          setRound(e, counters, c, k);
          auto ms = toMs(e.eval(delay), unit);
          if (!ms)
            return std::vector<double>{};
          values.push_back(*ms);
        }
        return values;
      };
      if (!random)
        site.scheduleMs = schedule(DelayEvaluator::DrawAt::Unknown);
      else {
        site.lowestMs = schedule(DelayEvaluator::DrawAt::Lowest);
        site.highestMs = schedule(DelayEvaluator::DrawAt::Highest);
      }
      site.delayPolicyUsr = site.scheduleMs.empty() ? delayPolicyUsrIn(slice) : "";
      site.unseen = site.scheduleMs.empty() && site.delayPolicyUsr.empty() && !random;
      DelayShape &shape = loop.delay;
      if (random) {
        LoopAnatomy none;
        shape.jitter = classifyJitter(slice, none, ctx);
      }
      for (const Expr *x : slice)
        shape.capped |= callsMatching(x, [](const std::string &n) {
          std::string b = unqualified(n);
          return b == "min" || b == "clamp" || b == "fmin";
        }, 0);
      if (site.scheduleMs.size() >= 2)
        classifySchedule(site.scheduleMs, shape);
      else if (site.scheduleMs.size() == 1)
        shape.growth = GrowthKind::Constant;
      if (const Stmt *grows = growthIn(slice, counters)) {
        shape.growthSpan = makeSpan(grows->getSourceRange(), ctx);
        if (shape.growth == GrowthKind::None || shape.growth == GrowthKind::Unknown)
          shape.growth = GrowthKind::Exponential;
      }
      if (shape.growth == GrowthKind::None)
        shape.growth = GrowthKind::Unknown;
      loop.sleeps.push_back(site);
    }

    // Budgets asked on the way round, and the calls it retries.
    for (const CycleGuard &g : guards)
      forEachDescendant(g.guard.cond, [&](const Stmt *s) {
        if (const auto *call = dyn_cast<CallExpr>(s)) {
          if (Vocabulary::current().is(call, CallRole::BudgetGate) && loop.budgetCall.empty())
            loop.budgetCall = calleeName(call);
          if (const FunctionDecl *callee = call->getDirectCallee())
            if (std::string usr = usrOf(callee); !usr.empty())
              loop.retryGateUsrs.push_back(usr);
        }
        return true;
      });
    std::set<const FunctionDecl *> members = c.members;
    if (c.byName && members.size() < 2)
      members.clear();
    std::set<std::string> retried;
    for (const FunctionDecl *fd : members) {
      if (!fd || !fd->getBody())
        continue;
      forEachDescendant(fd->getBody(), [&](const Stmt *s) {
        const auto *call = dyn_cast<CallExpr>(s);
        if (!call || !isAttemptCall(call))
          return true;
        const FunctionDecl *callee = graph.resolve(call, fd);
        const CallKind &kind = Vocabulary::current().of(call);
        if ((callee && members.count(callee)) || kind.is(CallRole::TimerArm) || kind.is(CallRole::TimerWait) ||
            kind.is(CallRole::Post) || kind.is(CallRole::ScheduleAfter) || kind.is(CallRole::RetryScheduler))
          return true;
        if (const Decl *d = call->getCalleeDecl())
          if (std::string usr = usrOf(ReinvocationGraph::node(dyn_cast<FunctionDecl>(d)) ? ReinvocationGraph::node(dyn_cast<FunctionDecl>(d)) : d);
              !usr.empty())
            retried.insert(usr);
        return true;
      });
    }
    loop.retriedCallUsrs.assign(retried.begin(), retried.end());

    // Evidence.
    RetryEvidence &ev = loop.evidence;
    ev.classifiesFailure = classifies;
    ev.waits = !loop.sleeps.empty();
    using K = AttemptBound::Kind;
    ev.bounded = loop.attempts.kind == K::Constant || loop.attempts.kind == K::Symbolic || loop.attempts.kind == K::Deadline;
    std::vector<std::string> names{sleepCall, c.report->scheduler, loop.attempts.symbol};
    for (const ReinvocationEdge *s : c.steps)
      for (const FunctionDecl *fd : {s->from, s->to})
        if (fd && fd->getDeclName().isIdentifier())
          names.push_back(fd->getNameAsString());
    names.push_back(named->getNameAsString());
    for (const std::string &n : counters.paramNames)
      names.push_back(n);
    for (const FieldDecl *f : counters.fields)
      names.push_back(f->getNameAsString());
    if (c.report->kind == EdgeKind::Timer)
      if (const auto *call = dyn_cast<CallExpr>(c.report->call))
        if (const auto *m = dyn_cast<CXXMemberCallExpr>(call))
          if (const Expr *object = m->getImplicitObjectArgument())
            for (const std::string &n : namesIn(object, ctx))
              names.push_back(n);
    for (const std::string &n : names)
      ev.retryNames |= !n.empty() && namesRetry(n);
    return loop;
  }

  /// A shift or power of an attempt counter in the delay: where it grows.
  const Stmt *growthIn(const std::vector<const Expr *> &slice, const Counters &counters) {
    const Stmt *site = nullptr;
    for (const Expr *e : slice)
      forEachDescendant(e, [&](const Stmt *s) {
        if (site)
          return false;
        if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Shl && counters.reads(bo->getRHS()))
          site = s;
        if (const auto *call = dyn_cast<CallExpr>(s)) {
          std::string n = unqualified(calleeName(call));
          if ((n == "pow" || n == "exp2" || n == "ldexp") && counters.reads(call))
            site = s;
        }
        return !site;
      });
    return site;
  }

  /// The limit a counter is compared with, as the reader wrote it.
  std::string limitName(const std::vector<CycleGuard> &guards, const Counters &counters) {
    for (const CycleGuard &g : guards) {
      if (!g.counter)
        continue;
      std::string found;
      forEachDescendant(g.guard.cond, [&](const Stmt *s) {
        const auto *cmp = dyn_cast<BinaryOperator>(s);
        if (!cmp || !cmp->isComparisonOp() || !found.empty())
          return found.empty();
        const Expr *other = counters.reads(cmp->getLHS()) ? cmp->getRHS() : counters.reads(cmp->getRHS()) ? cmp->getLHS() : nullptr;
        if (!other)
          return true;
        other = bare(other);
        if (const auto *ref = dyn_cast<DeclRefExpr>(other))
          found = ref->getDecl()->getNameAsString();
        else if (const auto *m = dyn_cast<MemberExpr>(other))
          found = m->getMemberDecl()->getNameAsString();
        else if (const auto *call = dyn_cast<CallExpr>(other))
          found = unqualified(calleeName(call)) + "()";
        else
          found = sourceText(other->getSourceRange(), ctx);
        return false;
      });
      if (!found.empty())
        return found;
    }
    return "a limit";
  }

  ASTContext &ctx;
  const ReinvocationGraph &graph;
  std::map<const FunctionDecl *, OutcomeVars> outcomeCache;
  std::deque<ReinvocationEdge> owned;
};

} // namespace

void extractReinvocations(ASTContext &ctx, std::vector<RetryLoop> &out,
                          llvm::DenseMap<const Stmt *, int> &loopIndex) {
  ReinvocationGraph graph(ctx);
  SiteBuilder(ctx, graph).run(out, loopIndex);
}

} // namespace retrylint
