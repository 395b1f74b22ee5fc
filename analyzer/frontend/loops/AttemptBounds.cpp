#include "frontend/loops/AttemptBounds.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/policies/DelayGrowth.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringExtras.h"

#include <cstdint>
#include <limits>

using namespace clang;

namespace retrylint {
namespace {

const Expr *bare(const Expr *e) { return e ? e->IgnoreParenImpCasts() : nullptr; }

bool isIntegerConstant(const Expr *e, const ASTContext &ctx, llvm::APSInt *value = nullptr) {
  std::optional<llvm::APSInt> v = integerConstant(e, ctx);
  if (v && value)
    *value = *v;
  return v.has_value();
}

/// One step of a counter: ++, --, += k, -= k, v = v ± k.
bool isStep(const LoopEvent &e, const ASTContext &ctx) {
  if (const auto *uo = dyn_cast<UnaryOperator>(e.stmt))
    return uo->isIncrementDecrementOp();
  const auto *bo = dyn_cast<BinaryOperator>(e.stmt);
  if (!bo)
    return false;
  if (bo->getOpcode() == BO_AddAssign || bo->getOpcode() == BO_SubAssign)
    return isIntegerConstant(bo->getRHS(), ctx);
  if (bo->getOpcode() != BO_Assign)
    return false;
  const auto *sum = dyn_cast<BinaryOperator>(bare(bo->getRHS()));
  if (!sum || (sum->getOpcode() != BO_Add && sum->getOpcode() != BO_Sub))
    return false;
  const auto *ref = dyn_cast<DeclRefExpr>(bare(sum->getLHS()));
  return ref && ref->getDecl()->getCanonicalDecl() == e.var && isIntegerConstant(sum->getRHS(), ctx);
}

/// The value a counter starts from: its for-init or declaration.
const Expr *initialValue(const VarDecl *counter, const LoopAnatomy &a) {
  if (const auto *ds = dyn_cast_or_null<DeclStmt>(a.init))
    for (const Decl *d : ds->decls())
      if (d->getCanonicalDecl() == counter)
        return cast<VarDecl>(d)->getInit();
  const Expr *rhs = nullptr;
  if (a.init && assignedVar(a.init, &rhs) == counter)
    return rhs;
  return counter->getInit();
}

/// How a bound is written for the reader: the variable, field or call it names.
std::string boundName(const Expr *limit, const ASTContext &ctx) {
  limit = bare(limit);
  if (const auto *ref = dyn_cast<DeclRefExpr>(limit))
    return ref->getDecl()->getNameAsString();
  if (const auto *member = dyn_cast<MemberExpr>(limit))
    return member->getMemberDecl()->getNameAsString();
  if (const auto *call = dyn_cast<CallExpr>(limit))
    return unqualified(calleeName(call)) + "()";
  return sourceText(limit->getSourceRange(), ctx);
}

/// The stated default of what `limit` names: a parameter's default argument, a field's
/// initialiser (in the class or in a constructor), a local's initialiser.
const Expr *defaultOf(const Expr *limit, ASTContext &ctx, int depth = 0) {
  limit = bare(limit);
  if (!limit || depth > 2)
    return nullptr;
  if (const auto *ref = dyn_cast<DeclRefExpr>(limit)) {
    if (const auto *parm = dyn_cast<ParmVarDecl>(ref->getDecl()))
      return parm->hasDefaultArg() && !parm->hasUnparsedDefaultArg() &&
                     !parm->hasUninstantiatedDefaultArg()
                 ? parm->getDefaultArg()
                 : nullptr;
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->getInit()) {
      const Expr *init = bare(var->getInit());
      if (isa<DeclRefExpr, MemberExpr>(init))
        return defaultOf(init, ctx, depth + 1);
      return init;
    }
    return nullptr;
  }
  const auto *member = dyn_cast<MemberExpr>(limit);
  const auto *field = member ? dyn_cast<FieldDecl>(member->getMemberDecl()) : nullptr;
  if (!field)
    return nullptr;
  if (const Expr *init = field->getInClassInitializer())
    return init;
  if (const auto *record = dyn_cast<CXXRecordDecl>(field->getParent()))
    for (const CXXConstructorDecl *ctor : record->ctors()) {
      const FunctionDecl *def = nullptr; // an out-of-line constructor holds the initialisers
      if (!ctor->hasBody(def) || !def)
        continue;
      for (const CXXCtorInitializer *init : cast<CXXConstructorDecl>(def)->inits())
        if (init->getMember() == field && init->isWritten())
          return init->getInit();
    }
  return nullptr;
}

/// A name that says "stop": stop_, running_, shutting_down_, closed_.
bool namesStop(const std::string &name) {
  static const NameRegex Stop("(stop|shut_?down|shutting|running|closed|closing|exit|quit|"
                              "cancel|terminat|alive|active|done)",
                              NameRegex::IgnoreCase);
  return Stop.match(name);
}

} // namespace

std::string stopConditionIn(const Expr *test) {
  std::string found;
  forEachDescendant(test, [&](const Stmt *s) {
    if (!found.empty())
      return false;
    if (const auto *call = dyn_cast<CallExpr>(s);
        call && Vocabulary::current().is(call, CallRole::Lifecycle))
      found = unqualified(calleeName(call)) + "()";
    else if (const auto *member = dyn_cast<MemberExpr>(s);
             member && namesStop(member->getMemberDecl()->getNameAsString()) &&
             !member->getType()->isFunctionType() && !isa<CXXMethodDecl>(member->getMemberDecl()))
      found = member->getMemberDecl()->getNameAsString();
    else if (const auto *ref = dyn_cast<DeclRefExpr>(s);
             ref && isa<VarDecl>(ref->getDecl()) && namesStop(ref->getDecl()->getNameAsString()))
      found = ref->getDecl()->getNameAsString();
    return found.empty();
  });
  return found;
}

/// The object a test waits on (`running_` in !running_.WaitFor(1s)), or "".
std::string waitedOnIn(const Expr *test) {
  std::string found;
  forEachDescendant(test, [&](const Stmt *s) {
    const auto *call = dyn_cast<CXXMemberCallExpr>(s);
    if (!call || !waitsBetweenAttempts(call))
      return true;
    const Expr *object = call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    if (const auto *member = dyn_cast<MemberExpr>(object))
      found = member->getMemberDecl()->getNameAsString();
    else if (const auto *ref = dyn_cast<DeclRefExpr>(object))
      found = ref->getDecl()->getNameAsString();
    return found.empty();
  });
  return found;
}

namespace {

class BoundFinder {
public:
  BoundFinder(const LoopAnatomy &a, ASTContext &ctx)
      : a(a), ctx(ctx), counters(attemptCounters(a, ctx)), changed(changedVars(a)) {}

  AttemptBound find() {
    std::vector<const Expr *> tests;
    if (a.cond)
      tests.push_back(a.cond);
    for (const LoopEvent &e : a.events)
      if (e.kind == LoopEvent::Kind::Exit)
        for (const Guard &g : e.guards)
          if (g.cond)
            tests.push_back(g.cond);
    AttemptBound bound;
    for (const Expr *test : tests)
      if (counterBound(test, bound))
        return bound;
    for (const Expr *test : tests)
      if (predicateBound(test, bound))
        return bound;
    // while (!running_.WaitFor(1s)): the loop goes on until the latch says stop; the clock
    // read inside the wait is its timeout, not the loop's deadline.
    for (const Expr *test : tests)
      if (std::string latch = waitedOnIn(test); !latch.empty()) {
        bound.kind = AttemptBound::Kind::UntilStopped;
        bound.symbol = latch;
        return bound;
      }
    for (const Expr *test : tests)
      if (testsDeadline(test, a)) {
        bound.kind = AttemptBound::Kind::Deadline;
        return bound;
      }
    // A stop flag is not a bound: a retry that leaves on success and otherwise only on
    // `shutting_down_` keeps every caller in it while the dependency is down.
    for (const Expr *test : tests)
      if (std::string stop = stopConditionIn(test); !stop.empty()) {
        bound.kind = onlyOutcomeExits(/*stopsToo=*/true) ? AttemptBound::Kind::Unbounded
                                                         : AttemptBound::Kind::UntilStopped;
        bound.symbol = stop;
        return bound;
      }
    bound.kind = onlyOutcomeExits() ? AttemptBound::Kind::Unbounded : AttemptBound::Kind::Unknown;
    return bound;
  }

private:
  bool readsCounter(const Expr *e) const { return readsAnyOf(e, counters); }
  bool readsChanged(const Expr *e) const { return readsAnyOf(e, changed); }

  const VarDecl *counterIn(const Expr *e) const {
    llvm::SmallPtrSet<const VarDecl *, 4> reads;
    collectReadVars(e, reads);
    for (const VarDecl *v : reads)
      if (counters.count(v))
        return v;
    return nullptr;
  }

  /// A counter compared with a limit, a counter counted down to zero, or a counter handed
  /// to a helper that decides (WasLastAttempt(attempt)).
  bool counterBound(const Expr *test, AttemptBound &bound) {
    bool found = false;
    // while (retries--), while (--left): a copy of a maximum counted down to zero.
    if (const auto *uo = dyn_cast<UnaryOperator>(bare(test)); uo && uo->isDecrementOp())
      if (const VarDecl *counter = counterIn(uo->getSubExpr()))
        return countdown(counter, bound);
    forEachDescendant(test, [&](const Stmt *s) {
      if (found)
        return false;
      if (const auto *cmp = dyn_cast<BinaryOperator>(s); cmp && cmp->isComparisonOp()) {
        const Expr *l = cmp->getLHS(), *r = cmp->getRHS();
        BinaryOperatorKind op = cmp->getOpcode();
        if (!readsCounter(l) && readsCounter(r)) {
          std::swap(l, r);
          op = BinaryOperator::reverseComparisonOp(op);
        }
        if (readsCounter(l) && !readsChanged(r))
          found = compared(counterIn(l), op, r, bound);
        return !found;
      }
      if (const auto *call = dyn_cast<CallExpr>(s); call && !Vocabulary::current().is(call, CallRole::Query))
        for (unsigned i = 0; i < call->getNumArgs() && !found; ++i)
          if (counterIn(call->getArg(i)))
            found = decidedByHelper(call, i, bound);
      return !found;
    });
    return found;
  }

  bool countdown(const VarDecl *counter, AttemptBound &bound) {
    const Expr *init = initialValue(counter, a);
    if (!init || isIntegerConstant(init, ctx))
      return false; // a constant countdown: the simulation counts it
    bound.kind = AttemptBound::Kind::Symbolic;
    bound.symbol = boundName(init, ctx);
    checkEffectivelyUnbounded(init, bound, ctx);
    return true;
  }

  bool compared(const VarDecl *counter, BinaryOperatorKind op, const Expr *limit,
                AttemptBound &bound) {
    if (isIntegerConstant(limit, ctx)) {
      if (countdown(counter, bound))
        return true; // left-- > 0, from a copy of a configured maximum
      // Both ends constant, but the simulation could not count (a conditional step).
      bound.kind = AttemptBound::Kind::Symbolic;
      bound.symbol = sourceText(limit->getSourceRange(), ctx);
      return true;
    }
    bound.kind = AttemptBound::Kind::Symbolic;
    bound.symbol = boundName(limit, ctx);
    checkEffectivelyUnbounded(limit, bound, ctx);
    // attempt <= max from 0 makes max + 1 attempts; attempt < max from 1 makes max - 1.
    llvm::APSInt start;
    if (!bound.effectivelyUnbounded && isIntegerConstant(initialValue(counter, a), ctx, &start)) {
      if (op == BO_LE && start == 0)
        bound.offset = 1;
      else if (op == BO_LT && start == 1)
        bound.offset = -1;
    }
    return true;
  }

  /// if (WasLastAttempt(options, attempt)) return: the helper holds the comparison. Where
  /// it compares, relative to the attempt, is not visible from here: the count is a bound,
  /// not exact.
  bool decidedByHelper(const CallExpr *call, unsigned arg, AttemptBound &bound) {
    bound.kind = AttemptBound::Kind::Symbolic;
    bound.exact = false;
    bound.symbol = unqualified(calleeName(call)) + "()";
    if (std::string limit = limitInHelper(calleeWithBody(call), arg, 2); !limit.empty())
      bound.symbol = limit;
    return true;
  }

  /// while (!Send() && MayRetry()): the predicate counts its calls (++retries_ > kMax) and
  /// says no past a limit. It counts retries, not attempts, and where it counts is its own:
  /// a bound, not an exact count.
  bool predicateBound(const Expr *test, AttemptBound &out) {
    std::string limit;
    forEachDescendant(test, [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s))
        if (const FunctionDecl *helper = waitingPredicate(call))
          limit = limitOfCountingPredicate(helper);
      return limit.empty();
    });
    if (limit.empty())
      return false;
    out.kind = AttemptBound::Kind::Symbolic;
    out.exact = false;
    out.symbol = limit;
    return true;
  }

  /// `if (++n > limit) return false;` in a predicate that steps `n` itself: the limit.
  std::string limitOfCountingPredicate(const FunctionDecl *helper) {
    llvm::SmallPtrSet<const Decl *, 4> stepped;
    forEachDescendant(helper->getBody(), [&](const Stmt *s) {
      const Expr *target = nullptr;
      if (const auto *u = dyn_cast<UnaryOperator>(s); u && u->isIncrementDecrementOp())
        target = u->getSubExpr();
      if (const auto *b = dyn_cast<BinaryOperator>(s); b && (b->getOpcode() == BO_AddAssign || b->getOpcode() == BO_SubAssign))
        target = b->getLHS();
      if (target)
        if (const Decl *d = policies::target(target->IgnoreParenImpCasts()))
          stepped.insert(d->getCanonicalDecl());
      return true;
    });
    auto readsStepped = [&](const Expr *e) {
      bool found = false;
      forEachDescendant(e, [&](const Stmt *s) {
        if (const auto *x = dyn_cast<Expr>(s))
          if (const Decl *d = policies::target(x->IgnoreParenImpCasts()))
            found |= stepped.count(d->getCanonicalDecl()) > 0;
        return !found;
      });
      return found;
    };
    std::string limit;
    forEachDescendant(helper->getBody(), [&](const Stmt *s) {
      const auto *ifs = dyn_cast<IfStmt>(s);
      const auto *ret = ifs ? dyn_cast_or_null<ReturnStmt>(ifs->getThen()) : nullptr;
      if (const auto *block = ifs ? dyn_cast_or_null<CompoundStmt>(ifs->getThen()) : nullptr; block && !block->body_empty())
        ret = dyn_cast<ReturnStmt>(block->body_back());
      const auto *no = ret ? dyn_cast_or_null<CXXBoolLiteralExpr>(bare(ret->getRetValue())) : nullptr;
      if (!no || no->getValue())
        return true;
      forEachDescendant(ifs->getCond(), [&](const Stmt *x) {
        const auto *cmp = dyn_cast<BinaryOperator>(x);
        if (!cmp || !cmp->isRelationalOp())
          return limit.empty();
        if (readsStepped(cmp->getLHS()) && !readsStepped(cmp->getRHS()))
          limit = boundName(cmp->getRHS(), ctx);
        else if (readsStepped(cmp->getRHS()) && !readsStepped(cmp->getLHS()))
          limit = boundName(cmp->getLHS(), ctx);
        return limit.empty();
      });
      return limit.empty();
    });
    return limit;
  }

  /// What parameter `arg` of `helper` is compared with, looking `depth` helpers deep
  /// (ShouldRetry(..., attempt) → WasLastAttempt(options, attempt) → attempt > MaxRetries).
  std::string limitInHelper(const FunctionDecl *helper, unsigned arg, int depth) {
    if (!helper || arg >= helper->getNumParams() || depth == 0)
      return {};
    const ParmVarDecl *param = helper->getParamDecl(arg);
    auto isParam = [&](const Expr *e) {
      const auto *ref = dyn_cast_or_null<DeclRefExpr>(bare(e));
      return ref && ref->getDecl() == param;
    };
    std::string limit;
    forEachDescendant(helper->getBody(), [&](const Stmt *s) {
      if (const auto *cmp = dyn_cast<BinaryOperator>(s); cmp && cmp->isComparisonOp()) {
        if (isParam(cmp->getLHS()))
          limit = boundName(cmp->getRHS(), ctx);
        else if (isParam(cmp->getRHS()))
          limit = boundName(cmp->getLHS(), ctx);
      } else if (const auto *inner = dyn_cast<CallExpr>(s)) {
        for (unsigned i = 0; i < inner->getNumArgs() && limit.empty(); ++i)
          if (isParam(inner->getArg(i)))
            limit = limitInHelper(calleeWithBody(inner), i, depth - 1);
      }
      return limit.empty();
    });
    return limit;
  }

  /// Every way out is a test of the outcome: nothing but success ends the loop.
  /// Every way out is an outcome test (or, with stopsToo, a stop flag).
  bool onlyOutcomeExits(bool stopsToo = false) const {
    auto decides = [&](const Expr *test) {
      return classifyOutcomeTest(test, a) != Outcome::Unrelated ||
             (stopsToo && !stopConditionIn(test).empty());
    };
    if (a.cond) {
      bool literalTrue = false;
      if (const auto *b = dyn_cast<CXXBoolLiteralExpr>(bare(a.cond)))
        literalTrue = b->getValue();
      llvm::APSInt v;
      if (isIntegerConstant(a.cond, ctx, &v))
        literalTrue = v != 0;
      if (!literalTrue && !decides(a.cond))
        return false;
    }
    for (const LoopEvent &e : a.events) {
      if (e.kind != LoopEvent::Kind::Exit || e.inTry || e.inCatch)
        continue;
      bool outcome = false;
      for (const Guard &g : e.guards)
        outcome |= g.cond && decides(g.cond);
      if (!outcome)
        return false;
    }
    return true;
  }

  const LoopAnatomy &a;
  ASTContext &ctx;
  llvm::SmallPtrSet<const VarDecl *, 8> counters, changed;
};

} // namespace

llvm::SmallPtrSet<const VarDecl *, 8> attemptCounters(const LoopAnatomy &a, const ASTContext &ctx) {
  llvm::SmallPtrSet<const VarDecl *, 8> counters, disqualified;
  for (const auto *list : {&a.events, &a.condEvents, &a.incEvents})
    for (const LoopEvent &e : *list) {
      if (e.kind != LoopEvent::Kind::Assign || !e.member.empty())
        continue;
      if (!e.var->getType()->isIntegerType() || isa<DeclStmt>(e.stmt) || !isStep(e, ctx))
        disqualified.insert(e.var);
      else
        counters.insert(e.var);
    }
  for (const VarDecl *v : disqualified)
    counters.erase(v);
  return counters;
}

AttemptBound structuralBound(const LoopAnatomy &a, ASTContext &ctx) {
  return BoundFinder(a, ctx).find();
}

/// SIZE_MAX, INT_MAX, ... for a type's maximum; the number otherwise.
static std::string hugeValueName(const llvm::APSInt &value) {
  uint64_t v = value.getLimitedValue();
  for (auto [max, name] : {std::pair<uint64_t, const char *>{UINT64_MAX, "SIZE_MAX"},
                           {INT64_MAX, "INT64_MAX"}, {UINT32_MAX, "UINT32_MAX"},
                           {INT32_MAX, "INT_MAX"}})
    if (v == max)
      return name;
  return llvm::toString(value, 10);
}

void checkEffectivelyUnbounded(const Expr *limit, AttemptBound &bound, ASTContext &ctx) {
  const Expr *def = defaultOf(limit, ctx);
  llvm::APSInt value;
  if (!def || !isIntegerConstant(def, ctx, &value))
    return;
  bool huge = value.isUnsigned() ? value.getZExtValue() >= std::numeric_limits<int32_t>::max()
                                 : value.getSExtValue() >= std::numeric_limits<int32_t>::max();
  if (!huge)
    return;
  bound.effectivelyUnbounded = true;
  std::string macro = macroNameAt(def->getBeginLoc(), ctx);
  bound.defaultText = !macro.empty() ? macro : sourceText(def->getSourceRange(), ctx);
  // A named default (DEFAULT_MAXIMUM_RETRIES, defined in another file) says its value too:
  // the maintainer should not have to look it up to see why the loop never ends.
  if (std::string named = hugeValueName(value);
      !isa<IntegerLiteral>(bare(def)) && named != bound.defaultText)
    bound.defaultText += " = " + named;
}

namespace {

/// remaining, elapsed: what is left or gone of anything, time or bytes (the input a
/// decompressor has left). A deadline only when something in the test says time.
bool namesAmountLeft(llvm::StringRef name) {
  static const NameRegex Left("(elapsed|remaining)", NameRegex::IgnoreCase);
  return Left.match(name);
}

/// A name that speaks of time: a time word or a unit (secs_remaining, remainingMs, elapsed_us).
bool namesTime(llvm::StringRef name) {
  static const NameRegex Words("(time|sec|milli|micro|nano|minute|hour|clock)", NameRegex::IgnoreCase);
  static const NameRegex Units("((^|_)(ms|us|ns|MS|US|NS)(_|$)|[a-z0-9](Ms|Us|Ns)([A-Z_]|$))",
                               NameRegex::MatchCase);
  return Words.match(name) || Units.match(name);
}

/// The test reads time: a duration, a name of time (remaining.ToSeconds(), kWaitTimeSeconds),
/// or a variable whose initialiser reads a clock.
bool readsTime(const Expr *test) {
  bool found = false;
  forEachDescendant(test, [&](const Stmt *s) {
    const auto *e = dyn_cast<Expr>(s);
    if (!e)
      return true;
    found |= Vocabulary::isDurationType(e->getType());
    if (const auto *call = dyn_cast<CallExpr>(e))
      found |= namesTime(unqualified(calleeName(call)));
    else if (const auto *member = dyn_cast<MemberExpr>(e))
      found |= namesTime(member->getMemberDecl()->getName());
    else if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
      const auto *var = dyn_cast<VarDecl>(ref->getDecl());
      found |= namesTime(ref->getDecl()->getName()) ||
               (var && var->getInit() && callsWithRole(var->getInit(), CallRole::ClockRead, 1));
    }
    return !found;
  });
  return found;
}

} // namespace

bool namesDeadline(llvm::StringRef name) {
  static const NameRegex Deadline("(expire|timed_?out|deadline|time_?left|timeout|has_?time)",
                                  NameRegex::IgnoreCase);
  return Deadline.match(name) || (namesAmountLeft(name) && namesTime(name));
}

bool testsDeadline(const Expr *test, const LoopAnatomy &a) {
  if (!test)
    return false;
  if (callsWithRole(test, CallRole::ClockRead, 1))
    return true;
  bool found = false, amountLeft = false;
  auto named = [&](llvm::StringRef name) {
    found |= namesDeadline(name);
    amountLeft |= namesAmountLeft(name);
  };
  forEachDescendant(test, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      named(unqualified(calleeName(call)));
    else if (const auto *ref = dyn_cast<DeclRefExpr>(s); ref && isa<VarDecl>(ref->getDecl()))
      named(ref->getDecl()->getName());
    else if (const auto *member = dyn_cast<MemberExpr>(s))
      named(member->getMemberDecl()->getName());
    return !found;
  });
  if (found || (amountLeft && readsTime(test)))
    return true;
  // remaining = deadline - now(); if (remaining <= 0) break;
  llvm::SmallPtrSet<const VarDecl *, 4> reads;
  collectReadVars(test, reads);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Assign && reads.count(e.var) && e.value &&
        callsWithRole(e.value, CallRole::ClockRead, 1))
      return true;
  return false;
}

} // namespace retrylint
