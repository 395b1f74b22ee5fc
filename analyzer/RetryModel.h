// The retry model: recognises retry loops in a TU's own code (not system headers) and
// describes each as a RetryLoop fact.
#pragma once

#include "Facts.h"

namespace clang {
class ASTContext;
}

namespace retrylint {

void extractRetryLoops(clang::ASTContext &ctx, std::vector<RetryLoop> &out);

} // namespace retrylint
