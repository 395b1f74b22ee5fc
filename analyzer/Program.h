// The link step: all TUs' facts merged into one program that the checks read. It needs
// no AST, so it runs wherever the facts files are (see `retrylint link`).
#pragma once

#include "Facts.h"

#include <vector>

namespace retrylint {

struct Program {
  std::vector<TUFacts> tus;
  /// Each retry loop once, even when a header put it into several TUs.
  std::vector<const RetryLoop *> retryLoops;
  /// Each NOLINT comment once, in file and line order.
  std::vector<const Suppression *> suppressions;

  bool complete() const;
};

Program linkFacts(std::vector<TUFacts> tus);

} // namespace retrylint
