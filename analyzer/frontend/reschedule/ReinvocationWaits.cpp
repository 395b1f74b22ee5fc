#include "frontend/reschedule/ReinvocationWaits.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayGrowth.h"
#include "frontend/policies/DelayPolicies.h"

#include "clang/AST/ExprCXX.h"

#include <cmath>

using namespace clang;

namespace retrylint::reschedule {
namespace {

using policies::isDelayType;
using policies::storedOutsideConstructors;
using policies::thisField;

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
  static const NameRegex Names("^(post|dispatch|defer|then|and_?then|invoke|submit|execute|"
                               "bind[a-z_]*|make_?[a-z_]*handler|std::function)$",
                               NameRegex::MatchCase);
  return Names.match(lowerName(calleeName(call)));
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

} // namespace

bool countsAttempts(const CallExpr *call) {
  const auto *method = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee());
  if (!method)
    return false;
  std::string cls = llvm::StringRef(method->getParent()->getNameAsString()).lower();
  return cls.find("timer") == std::string::npos &&
         (cls.find("delay") != std::string::npos || namesRetry(cls));
}

bool waitsByClass(const CallExpr *call) {
  const auto *method = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee());
  if (!method)
    return false;
  std::string cls = llvm::StringRef(method->getParent()->getNameAsString()).lower();
  // A class named for an attempt (attempt_context) is what is attempted, not what waits.
  return cls.find("delay") != std::string::npos || cls.find("timer") != std::string::npos ||
         (namesRetry(cls) && cls.find("attempt") == std::string::npos);
}

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

void describeDelay(const Wait &wait, RetryLoop &site, ASTContext &ctx) {
  SleepSite sleep;
  sleep.span = makeSpan(wait.call->getSourceRange(), ctx);
  sleep.sleepCall = calleeName(wait.call);
  if (sleep.sleepCall.empty()) // delay() on a template parameter's object: as written
    sleep.sleepCall = sourceText(wait.call->getCallee()->getSourceRange(), ctx);
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

} // namespace retrylint::reschedule
