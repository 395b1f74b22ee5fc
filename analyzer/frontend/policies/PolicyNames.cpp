#include "frontend/policies/PolicyNames.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayGrowth.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::policies {

/// The integer parameter that counts attempts, preferring one named like it. One named as an
/// amount of data (num_bytes, size, length, entries) never is: a rate limiter's delay for
/// num_bytes grows with the bytes, not with attempts.
const ParmVarDecl *attemptParam(const FunctionDecl *fd) {
  static const NameRegex Named("(attempt|retr|tries|try|count|num|^n$|failure|iteration|round)",
                               NameRegex::IgnoreCase);
  static const NameRegex DataAmount("(byte|size|length|capacity|offset|entries|(^|_)len(_|$))",
                                    NameRegex::IgnoreCase);
  const ParmVarDecl *first = nullptr;
  for (const ParmVarDecl *p : fd->parameters()) {
    QualType t = p->getType().getNonReferenceType();
    if (!t->isIntegerType() || t->isBooleanType() || t->isEnumeralType() || DataAmount.match(p->getName()))
      continue;
    if (Named.match(p->getName()))
      return p;
    if (!first)
      first = p;
  }
  return first;
}

/// A parameter that carries the previous delay: increase_backoff(TimeUnit backoff).
const ParmVarDecl *stateParam(const FunctionDecl *fd) {
  for (const ParmVarDecl *p : fd->parameters())
    if (isDelayType(p->getType()) && !p->getType()->isIntegerType())
      return p;
  return nullptr;
}

/// The function, or a method it overrides, is named like a delay (NextBackoff, DelayFor).
bool namedAsDelay(const FunctionDecl *fd, int depth) {
  if (!fd || depth > 4)
    return false;
  if (Vocabulary::current().declIs(fd, DeclRole::DelayPolicyName))
    return true;
  if (const auto *m = dyn_cast<CXXMethodDecl>(fd))
    for (const CXXMethodDecl *base : m->overridden_methods())
      if (namedAsDelay(base, depth + 1))
        return true;
  return false;
}

/// What makes a policy worth reporting on its own, when no loop is seen sleeping on it. A
/// growing delay: a delay's name, a retry policy's class, or state that it grows itself. A
/// constant delay (the claim is "no backoff"): a delay's name and a retry's, its class's or
/// the interface's (RetryPolicy::Delay, ReconnectBackoff()); never a class's other numbers.
bool saysItIsARetryDelay(const FunctionDecl *fd, const FunctionDecl *enclosing, bool perAttempt, bool stateful,
                         GrowthKind growth) {
  const FunctionDecl *named = enclosing ? enclosing : fd;
  const auto *m = dyn_cast<CXXMethodDecl>(named);
  Vocabulary &vocab = Vocabulary::current();
  bool policyClass = m && (vocab.declIs(m->getParent(), DeclRole::RetryPolicyClass) || overridesPolicy(m));
  bool delayName = namedAsDelay(named);
  if (growth == GrowthKind::Exponential || growth == GrowthKind::Linear)
    return delayName || (policyClass && (perAttempt || stateful)) || stateful;
  if (growth != GrowthKind::Constant || !delayName)
    return false;
  return policyClass || namesRetry(named->getNameAsString()) ||
         (m && namesRetry(m->getParent()->getNameAsString()));
}

bool overridesPolicy(const CXXMethodDecl *m, int depth) {
  if (!m || depth > 4)
    return false;
  Vocabulary &vocab = Vocabulary::current();
  for (const CXXMethodDecl *base : m->overridden_methods())
    if (vocab.declIs(base, DeclRole::DelayPolicyName) || vocab.declIs(base->getParent(), DeclRole::RetryPolicyClass) ||
        overridesPolicy(base, depth + 1))
      return true;
  return false;
}

/// The value of a body that is one `return` and nothing else, converted back (bare).
static const Expr *soleReturnValue(const FunctionDecl *fd) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(fd->getBody());
  if (!body || body->size() != 1)
    return nullptr;
  const auto *ret = dyn_cast<ReturnStmt>(body->body_front());
  return ret && ret->getRetValue() ? bare(ret->getRetValue()) : nullptr;
}

/// The parameter a chain of member accesses starts from: `opt` in opt->rep.retry_interval.
static const ParmVarDecl *handleOf(const MemberExpr *member) {
  const Expr *e = member;
  while (true) {
    e = e->IgnoreParenImpCasts();
    if (const auto *m = dyn_cast<MemberExpr>(e))
      e = m->getBase();
    else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e);
             op && (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star) && op->getNumArgs() >= 1)
      e = op->getArg(0); // a smart pointer's -> and *
    else if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref)
      e = u->getSubExpr();
    else
      break;
  }
  const auto *ref = dyn_cast<DeclRefExpr>(e);
  return ref ? dyn_cast<ParmVarDecl>(ref->getDecl()) : nullptr;
}

/// int delay_ms() const { return delay_ms_; }: configuration, not a policy.
bool isGetter(const FunctionDecl *fd) {
  const auto *m = dyn_cast<CXXMethodDecl>(fd);
  if (!m || !m->isConst() || m->getNumParams() != 0)
    return false;
  return isa_and_nonnull<MemberExpr, DeclRefExpr>(soleReturnValue(fd));
}

/// A getter, or an accessor that reads a field through the handle it is given (a C API's
/// uint64_t get_retry_interval(options_t* opt) { return opt->rep.retry_interval; }). One
/// that takes an attempt, or implements a policy's method, is the policy's answer instead,
/// and a non-const method may be a schedule's step (next_delay_ms() { return delay_ms_; }).
bool isConfigAccessor(const FunctionDecl *fd) {
  if (isGetter(fd))
    return true;
  if (const auto *m = dyn_cast<CXXMethodDecl>(fd); m && overridesPolicy(m))
    return false;
  const auto *member = dyn_cast_or_null<MemberExpr>(soleReturnValue(fd));
  return member && handleOf(member) && !attemptParam(fd);
}

/// A function that gives delays by its name, its class's name or the method it overrides.
bool policyByName(const FunctionDecl *fd) {
  Vocabulary &vocab = Vocabulary::current();
  if (vocab.declIs(fd, DeclRole::DelayPolicyName))
    return true;
  const auto *m = dyn_cast<CXXMethodDecl>(fd);
  if (!m || isa<CXXConstructorDecl, CXXDestructorDecl>(m) || m->isCopyAssignmentOperator() ||
      m->isMoveAssignmentOperator())
    return false;
  if (vocab.declIs(m->getParent(), DeclRole::RetryPolicyClass) && !m->isStatic())
    return true;
  return overridesPolicy(m);
}

} // namespace retrylint::policies
