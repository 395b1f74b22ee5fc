// The budget model: recognises retry budgets in a TU's own code (not system headers) and
// describes each as a Budget fact: its credit, cost, maximum, threshold and where it is
// consulted (docs/checks/retry-budget-uncapped.md, "What counts as a budget").
#pragma once

#include "facts/Facts.h"

namespace clang {
class ASTContext;
}

namespace retrylint {

void extractBudgets(clang::ASTContext &ctx, std::vector<Budget> &out);

} // namespace retrylint
