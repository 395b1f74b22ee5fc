// How a delay policy's value changes, read from its statements: what stores into a variable or
// a member of `this` and whether that multiplies, shifts or adds to it (backoff_ *= 2,
// base << attempt, std::min(backoff_ * 2, max)), and what caps it. Shared by the function and
// member policies of DelayPolicies.
#pragma once

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/OperationKinds.h"

#include <initializer_list>
#include <vector>

namespace retrylint::policies {

/// The value an expression converts: temporaries, functional casts and converting
/// constructors stripped (milliseconds(delay_ms_) is delay_ms_).
const clang::Expr *bare(const clang::Expr *e);

/// A duration (std::chrono, absl, a project's Delta) or a plain number of some unit.
bool isDelayType(clang::QualType t);

/// The member of `this` that `e` names, if any.
const clang::FieldDecl *thisField(const clang::Expr *e);

/// The declaration an lvalue names: a local, a parameter or a member of `this`.
const clang::Decl *target(const clang::Expr *e);

/// `e` reads the variable or member `d`.
bool reads(const clang::Stmt *e, const clang::Decl *d);

/// A loop statement or a sleep in `body`: a function that waits is not a policy.
bool loopsOrSleeps(const clang::Stmt *body);

/// `e` calls one of `names` (unqualified).
bool callsNamed(const clang::Stmt *e, std::initializer_list<const char *> names);

/// A statement or expression that stores into a variable, with the stored value.
struct Store {
  const clang::Stmt *stmt;
  const clang::Expr *value;     // null for ++/--
  clang::BinaryOperatorKind op; // BO_Assign, or the compound operator
};

/// The stores into `d` in `body`: =, op=, ++/--, a duration's operators, std::exchange.
std::vector<Store> storesTo(const clang::Stmt *body, const clang::Decl *d);

/// How a store to `d` changes it: ×k or << (exponential), + step (linear), or neither.
GrowthKind growthOf(const Store &st, const clang::Decl *d);

/// Where a policy's delay grows with its attempt parameter: a shift or a power of it
/// (exponential), or a product with it (linear); null when it does not.
const clang::Stmt *growthWithAttempt(const clang::Stmt *body, const clang::Decl *attempt, GrowthKind &kind);

/// if (x > cap) x = cap: an assignment to `d` under a comparison of `d`.
bool guardedByOwnBound(const clang::Stmt *body, const clang::Decl *d);

/// std::min / clamp / fmin in `e`.
bool capsWithMin(const clang::Stmt *e);

/// Some method of the field's class stores into it, outside the constructors.
bool storedOutsideConstructors(const clang::FieldDecl *field);

} // namespace retrylint::policies
