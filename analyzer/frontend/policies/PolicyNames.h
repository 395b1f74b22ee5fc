// What names and declarations say about a delay policy: which functions give delays by their
// name, their class or the method they override; which parameter counts attempts; and what is
// evidence enough to report a policy on its own (DelayPolicy::retryEvidence).
#pragma once

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

namespace retrylint::policies {

/// The integer parameter that counts attempts, preferring one named like it.
const clang::ParmVarDecl *attemptParam(const clang::FunctionDecl *fd);

/// A parameter that carries the previous delay: increase_backoff(TimeUnit backoff).
const clang::ParmVarDecl *stateParam(const clang::FunctionDecl *fd);

/// The function, or a method it overrides, is named like a delay (NextBackoff, DelayFor).
bool namedAsDelay(const clang::FunctionDecl *fd, int depth = 0);

/// The method overrides a delay-named method or a method of a retry policy class.
bool overridesPolicy(const clang::CXXMethodDecl *m, int depth = 0);

/// What makes a policy worth reporting on its own, when no loop is seen sleeping on it
/// (`enclosing`: the function that returns a lambda policy).
bool saysItIsARetryDelay(const clang::FunctionDecl *fd, const clang::FunctionDecl *enclosing, bool perAttempt,
                         bool stateful, GrowthKind growth);

/// int delay_ms() const { return delay_ms_; }: configuration, not a policy.
bool isGetter(const clang::FunctionDecl *fd);

/// A getter, or a function that only returns a field read through a parameter and takes
/// no attempt (a C API's accessor): configuration, not a policy of its own.
bool isConfigAccessor(const clang::FunctionDecl *fd);

/// A function that gives delays by its name, its class's name or the method it overrides.
bool policyByName(const clang::FunctionDecl *fd);

} // namespace retrylint::policies
