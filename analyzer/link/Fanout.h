// The fan-out model, computed at link time from the call-graph facts of all TUs: for each
// retry site, the worst chain of retrying layers below it and the calls it multiplies to.
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retrylint {

/// How many times one layer runs what it retries: a constant, a symbol (max_attempts) or
/// unbounded.
struct Multiplier {
  double value = 1;   // when known
  std::string symbol; // when not a constant: the parameter or field that bounds it
  bool unbounded = false;
  std::string text() const;
  bool retries() const { return unbounded || !symbol.empty() || value > 1; }
};

struct FanoutLayer {
  SourceSpan site;       // the retry loop, or the call of the retry helper
  std::string function;  // the function that retries here
  std::string via;       // the retry helper, if the layer is a helper call
  Multiplier attempts;
  /// The retry budget this layer consults, as a share of requests it may retry once its
  /// banked tokens are spent (0.1 for +0.1 per request, 1 per retry). Negative: none known.
  double budgetCeiling = -1;
  /// A library's own retries (LibraryLayer): the library, and its policy in the message's
  /// words. `function` is then the library call. Empty for the user's code.
  std::string library, libraryPolicy;
  // Where an editor shows the layer (analyzer/lsp): the loop that retries (the helper's loop
  // for a helper call), the call it repeats (toward the next layer or the leaf), and the
  // retrying function's name in its definition.
  SourceSpan loop;
  SourceSpan retriedCall;
  SourceSpan functionSpan;
};

struct FanoutChain {
  /// Outermost first. Complete (up to MaxShownLayers) for outermost chains; an inner
  /// site's chain keeps its own layer only, as it is never reported on its own.
  std::vector<FanoutLayer> layers;
  size_t layerCount = 0;           // retrying layers in the whole chain
  static constexpr size_t MaxShownLayers = 32;
  std::string leaf;                // what the innermost layer calls
  bool cyclic = false;             // a retrying recursion: unbounded
  std::string virtualWorstCase;    // the dispatched method whose worst override was taken
  bool outermost = true;           // no retrying layer anywhere above this site's function
  int recursion = -1;              // for a retrying recursion: its strongly connected component

  /// "3 × 3 × 3 = 27", "3 × max_attempts", "unbounded".
  std::string productText() const;
  /// The product when every layer is a constant, else 0.
  double product() const;
  /// "1.1 × 1.1 × 3 = 3.63": the sustained multiplier once each budgeted layer's tokens are
  /// spent (1 + its ceiling instead of its attempts); empty when no shown layer has one.
  std::string budgetedProductText() const;
};

struct Budget;

/// One chain per retry site, the worst one below it; sorted by site. `budgets` are the
/// linked retry budgets, for the layers that consult one.
std::vector<FanoutChain> computeFanout(const std::vector<TUFacts> &tus,
                                       const std::vector<Budget> &budgets);

/// The chains of at least `minLayers` layers (or cyclic) whose outer site is not an inner
/// layer of another such chain: each nest of retries once, at its outermost layer.
std::vector<const FanoutChain *> outermostChains(const std::vector<FanoutChain> &chains,
                                                 int minLayers);

} // namespace retrylint
