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

/// The function a call hands its arguments to: its callee, or, where a parse with missing
/// headers left the call unresolved (`mutable_retrier()->DelayedRetry(this, s)` when the
/// getter's class did not complete), the one method of that name and arity in the class the
/// object's declared type names.
const clang::FunctionDecl *handedTo(const clang::CallExpr *call);

/// The methods the helper could run on the object its parameter `param` hands it (a pointer,
/// a reference or a smart pointer to a class): those the class declares, bases' included. None
/// for a helper in a system header.
std::vector<const clang::CXXMethodDecl *> methodsOfParam(const clang::FunctionDecl *helper, unsigned param);

/// The class of the objects a parameter of this type hands over: the pointee of a pointer or a
/// reference, the first template argument of a smart pointer; else null.
const clang::CXXRecordDecl *handedClass(clang::QualType type);

/// `e` reads the parameter `p` (p, *p, p->, p.get(), a smart pointer's operator->).
bool refersTo(const clang::Expr *e, const clang::ParmVarDecl *p);

} // namespace retrylint::reschedule
