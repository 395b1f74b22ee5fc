// The retry model: recognises retry loops in a TU's own code (not system headers) and
// describes each as a RetryLoop fact.
#pragma once

#include "Facts.h"

namespace clang {
class ASTContext;
}

namespace retrylint {

/// `budgetNames`: project-specific budget/throttle functions (--budget-functions), on top
/// of the built-in names (TryRetry, CanRetry, ...).
void extractRetryLoops(clang::ASTContext &ctx, const std::vector<std::string> &budgetNames,
                       std::vector<RetryLoop> &out);

} // namespace retrylint
