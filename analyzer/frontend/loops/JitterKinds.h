// Which jitter a randomised delay uses: full (uniform(0, d)), equal (d/2 + uniform(0, d/2)),
// decorrelated (uniform(base, prev * 3)), proportional (d * uniform(0.8, 1.2)). The
// simulator replays each differently, so the model records the kind, not only "random".
#pragma once

#include "facts/Facts.h"
#include "frontend/loops/LoopAnatomy.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <vector>

namespace retrylint {

/// `slice`: the delay's expressions (the sleep argument, then the definitions it reads).
/// Unknown when the delay is random in a way none of the four shapes describes.
JitterKind classifyJitter(const std::vector<const clang::Expr *> &slice, const LoopAnatomy &anatomy,
                          clang::ASTContext &ctx);

} // namespace retrylint
