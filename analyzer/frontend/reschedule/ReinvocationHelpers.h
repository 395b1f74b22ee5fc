// Re-invocation through another object: `retrier_.retry_later(this, status)` hands the object
// to a helper (a retrier, a scheduler wrapper) whose body schedules a call of one of its methods
// on a timer or a scheduler. The call re-invokes that method on this object, after the helper's
// wait; the helper's steps (its lambdas, timer arms and guards) continue the caller's path.
#pragma once

#include "frontend/reschedule/ReinvocationPaths.h"

#include "clang/AST/DeclCXX.h"

#include <vector>

namespace retrylint::reschedule {

/// A method the helper runs later on the object it was handed.
struct ScheduledCall {
  const clang::CXXMethodDecl *method = nullptr; // as called on the parameter (maybe a base's)
  std::vector<Step> path;                       // from the helper's body down to the call
};

/// The calls `helper` schedules on its parameter `param` through a timer or a scheduler,
/// following the parameter into the methods of the helper's own class it is passed on to.
std::vector<ScheduledCall> scheduledOn(const clang::FunctionDecl *helper, unsigned param);

/// `e` reads the parameter `p` (p, *p, p->, p.get(), a smart pointer's operator->).
bool refersTo(const clang::Expr *e, const clang::ParmVarDecl *p);

} // namespace retrylint::reschedule
