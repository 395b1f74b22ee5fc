// Evaluates delay expressions (std::chrono durations, absl::Duration, plain numbers) to
// milliseconds, given the values of the loop's variables in one simulated iteration.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>

namespace retrylint {

/// A value the delay computation works with. Durations and time points are in ms.
struct Quantity {
  enum class Kind { Number, Duration, TimePoint };
  Kind kind = Kind::Number;
  double value = 0;
};

class DelayEvaluator {
public:
  explicit DelayEvaluator(clang::ASTContext &ctx) : ctx(ctx) {}

  /// Variables whose value the simulation tracks; others are read from their initialiser
  /// when they are constants.
  llvm::DenseMap<const clang::VarDecl *, Quantity> env;
  /// Variables holding an attempt's outcome: under failure their value is not known.
  llvm::DenseSet<const clang::VarDecl *> unknowable;
  /// Members of `this` whose value a simulation tracks (a policy's backoff state, a retry's
  /// attempt counter); NaN marks one whose value is not known. Untracked members keep their
  /// in-class initialiser.
  llvm::DenseMap<const clang::FieldDecl *, Quantity> fields;
  /// What a random draw (dist(rng), absl::Uniform, arc4random_uniform, rand() % n) is worth:
  /// unknown by default, so a jittered delay has no schedule; or the lowest or highest value
  /// its bounds allow, which gives the delay's bounds (the policy export reads them).
  enum class DrawAt { Unknown, Lowest, Highest };
  DrawAt drawAt = DrawAt::Unknown;

  std::optional<Quantity> eval(const clang::Expr *e);
  std::optional<bool> evalCondition(const clang::Expr *e);
  /// Arithmetic on quantities for a clang::BinaryOperatorKind (durations keep their kind).
  static std::optional<Quantity> evalBinary(unsigned opcode, Quantity l, Quantity r);

  /// Milliseconds per tick of a std::chrono/boost::chrono duration type, if it is one.
  static std::optional<double> durationPeriodMs(clang::QualType t);

private:
  std::optional<Quantity> evalCall(const clang::CallExpr *call);
  /// A random draw at `drawAt`, when its bounds are visible.
  std::optional<Quantity> evalDraw(const clang::CallExpr *call);
  std::optional<Quantity> evalVar(const clang::VarDecl *var);

  std::optional<Quantity> evalNode(const clang::Expr *e);

  /// Delays are small expressions: a deeper one (a sum of 50,000 terms) is not evaluated.
  static constexpr unsigned MaxDepth = 256;
  clang::ASTContext &ctx;
  unsigned depth = 0;        // of eval
  unsigned initializers = 0; // variables read through their initialisers
};

} // namespace retrylint
