// The one place that folds an expression to an integer constant: attempt bounds, counter steps,
// breaker thresholds and arguments recorded in the facts all read constants through it, so
// "is this a constant" has one answer.
#pragma once

#include "llvm/ADT/APSInt.h"

#include <cstdint>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace retrylint {

/// The value of an integral or enumeration expression that folds to a constant; nullopt for
/// null, value-dependent (template) and non-integral expressions.
std::optional<llvm::APSInt> integerConstant(const clang::Expr *e, const clang::ASTContext &ctx);

/// integerConstant() as an int64_t (values wider than 64 bits are truncated, as getExtValue does).
std::optional<int64_t> integerConstantValue(const clang::Expr *e, const clang::ASTContext &ctx);

} // namespace retrylint
