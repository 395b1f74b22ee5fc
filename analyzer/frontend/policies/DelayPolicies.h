// Delay policies: functions (free, member, virtual override, or a lambda returned as a policy)
// that map an attempt number or a backoff state to a delay, and backoff state kept in a member
// that one method grows and another sleeps on. Each is read once, by running it for attempts
// 0..N with the loop model's evaluator (PolicyInterpreter), and described as a DelayPolicy fact
// keyed by USR; retry sites that sleep on one name it in SleepSite::delayPolicyUsr, and the link
// joins the two.
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FieldDecl;
class Stmt;
} // namespace clang

namespace retrylint {

/// The TU's delay policies in user code (system headers skipped), in source order.
void extractDelayPolicies(clang::ASTContext &ctx, std::vector<DelayPolicy> &out);

/// The delay policy that the expressions feeding a delay come from: a call of a function that
/// gives delays by its name or class (backoff_.next(), ComputeBackoff(n), policy->DelayFor(n),
/// increase_backoff(d)), or a member that its class grows as backoff state. "" when none.
std::string delayPolicyUsrIn(const std::vector<const clang::Expr *> &slice);
/// A call of a delay policy: it returns a delay, it does not wait.
bool isDelayPolicyCall(const clang::CallExpr *call);
/// The same, for the body of a helper that sleeps on its own state (backoff.Wait()).
std::string delayPolicyUsrInBody(const clang::Stmt *body);

/// A member that a method of its class grows (backoff_ms_ = min(backoff_ms_ * 2, max)): its
/// value is backoff state, never a constant delay.
bool isBackoffMember(const clang::FieldDecl *field);

} // namespace retrylint
