// The breaker model: recognises circuit breakers in a TU's own code (not system headers)
// and describes each as a Breaker fact (docs/checks/breaker-half-open-flood.md).
#pragma once

#include "facts/Facts.h"

namespace clang {
class ASTContext;
}

namespace retrylint {

void extractBreakers(clang::ASTContext &ctx, std::vector<Breaker> &out);

} // namespace retrylint
