// The link step: all TUs' facts merged into one program that the checks read. It needs
// no AST, so it runs wherever the facts files are (see `retrylint link`).
#pragma once

#include "facts/Facts.h"
#include "link/Fanout.h"

#include <vector>

namespace retrylint {

struct Program {
  std::vector<TUFacts> tus;
  /// Each reported retry loop once, even when a header put it into several TUs.
  std::vector<const RetryLoop *> retryLoops;
  /// Each NOLINT comment once, in file and line order.
  std::vector<const Suppression *> suppressions;
  /// For each retry site, the worst chain of retrying layers below it.
  std::vector<FanoutChain> fanout;
  /// retry-nested-fanout reports chains of at least this many retrying layers.
  int fanoutMinLayers = 2;
  /// Each breaker once, even when a header put it into several TUs.
  std::vector<const Breaker *> breakers;
  /// Each retry budget once, merged over the TUs that saw it, in declaration order.
  std::vector<Budget> budgets;
  /// Each delay policy once, in declaration order; `consumed` when a retry loop sleeps on it.
  std::vector<const DelayPolicy *> delayPolicies;

  bool complete() const;
};

struct LinkOptions {
  /// Loops below this confidence are neither reported nor retrying layers.
  Confidence minConfidence = Confidence::Medium;
};

Program linkFacts(std::vector<TUFacts> tus, const LinkOptions &options = {});

} // namespace retrylint
