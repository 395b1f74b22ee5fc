// The delay between attempts, read from the code: the expressions that feed a sleep, where
// and how the delay grows, whether something caps it, the shape of an evaluated schedule,
// and the full-jitter fix-it.
#pragma once

#include "facts/Facts.h"
#include "frontend/loops/LoopAnatomy.h"

#include "clang/AST/ASTContext.h"

#include <optional>
#include <vector>

namespace retrylint {

/// The expressions that feed a sleep's delay: the argument, then the definitions of the
/// variables it reads, transitively.
std::vector<const clang::Expr *> delaySlice(const LoopAnatomy &a, const clang::Expr *delay);

/// Where the delay grows (delay *= 2, min(delay * 2, cap), 1 << attempt, pow), and how.
const clang::Stmt *growthSite(const LoopAnatomy &a, const std::vector<const clang::Expr *> &slice,
                              GrowthKind &kind);

/// if (delay > kMax) delay = kMax: an assignment to a delay variable under a comparison of
/// that same variable.
bool guardedByItsOwnBound(const LoopAnatomy &a, const std::vector<const clang::Expr *> &slice);

/// 1 << attempt where attempt can reach the width of the shifted type.
bool shiftCanOverflow(const clang::Stmt *site, const AttemptBound &attempts,
                      const clang::ASTContext &ctx);

/// Growth of an evaluated schedule: constant ratio, constant step, flat, or unknown. A
/// plateau after growth is the cap.
void classifySchedule(const std::vector<double> &delaysMs, DelayShape &shape);

/// sleep(uniform(0, delay)) in place of sleep(delay), when the delay is one simple expression.
std::optional<FixIt> fullJitterFix(const LoopEvent &sleep, const clang::ASTContext &ctx);

} // namespace retrylint
