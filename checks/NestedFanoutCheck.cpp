#include "NestedFanoutCheck.h"

#include <algorithm>
#include <cmath>

namespace retrylint {
namespace {

std::string layerNote(const FanoutChain &chain, size_t i) {
  const FanoutLayer &l = chain.layers[i];
  std::string note = "layer " + std::to_string(i + 1) + " of " + std::to_string(chain.layerCount) + ": ";
  if (!l.library.empty())
    note += l.library + " retries " + (l.function.empty() ? "the callable" : "`" + l.function + "`") + " ×" +
            l.attempts.text() + " by " + l.libraryPolicy;
  else
    note += "`" + l.function + "` retries ×" + l.attempts.text();
  if (!l.via.empty())
    note += " through `" + l.via + "`";
  if (l.budgetCeiling >= 0)
    note += "; its retry budget allows retries of " + std::to_string(std::llround(std::min(l.budgetCeiling, 1e9) * 100)) +
            "% of requests once its tokens are spent";
  return note;
}

/// "your loop × the gRPC service config's retryPolicy (maxAttempts 4)": who makes each factor,
/// when a library's own retries are one of them; empty otherwise.
std::string layerWords(const FanoutChain &chain) {
  size_t userLayers = 0;
  bool library = false;
  for (const FanoutLayer &l : chain.layers) {
    userLayers += l.library.empty();
    library |= !l.library.empty();
  }
  if (!library || chain.layers.size() < chain.layerCount)
    return {};
  std::string words;
  for (const FanoutLayer &l : chain.layers) {
    std::string word = !l.library.empty() ? l.libraryPolicy
                       : l.via.empty()    ? "your loop"
                                          : "your `" + l.via + "`";
    if (l.library.empty() && userLayers > 1)
      word += " in `" + l.function + "`";
    words += (words.empty() ? "" : " × ") + word;
  }
  return words;
}

} // namespace

const RuleInfo &NestedFanoutCheck::rule() const {
  static const RuleInfo info{
      "retry-nested-fanout",
      "RetryNestedFanout",
      "Nested retries multiply calls to a failing dependency",
      "Two or more layers of a call chain each retry, so their attempts multiply: three layers "
      "of 3 attempts reach the innermost dependency 3 × 3 × 3 = 27 times for one failed "
      "request. Retry at one layer and propagate errors everywhere else.",
      Level::Warning,
      {"reliability", "retry", "fan-out"},
      "high"};
  return info;
}

void NestedFanoutCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const FanoutChain *chain : outermostChains(program.fanout, program.fanoutMinLayers)) {
    const FanoutLayer &outer = chain->layers.front();
    std::string title = chain->productText() + " calls reach `" + chain->leaf +
                        "` per failed request at `" + outer.function + "`";
    if (std::string words = layerWords(*chain); !words.empty())
      title += ": " + words;
    if (chain->cyclic)
      title = "retries inside a recursive call cycle, so each round multiplies again: " + title;
    if (!chain->virtualWorstCase.empty())
      title += " (worst case over the overrides of `" + chain->virtualWorstCase + "`)";
    // Both numbers: the burst while the budgets hold tokens, and the sustained bound.
    if (std::string budgeted = chain->budgetedProductText(); !budgeted.empty())
      title += "; with the layers' retry budgets, sustained load is " + budgeted + "× once their tokens are spent";
    Finding f = finding(outer.site, title, "retry at one layer and propagate errors everywhere else");
    for (size_t i = 0; i < chain->layers.size(); ++i)
      f.flow.push_back({chain->layers[i].site, layerNote(*chain, i)});
    double product = chain->product();
    // A product past 2^63 (many layers of huge counts) is not cast: that wraps.
    f.properties.push_back({"fanout", product > 0 && product < 9e18
                                          ? std::to_string(static_cast<long long>(product))
                                          : chain->productText()});
    f.properties.push_back({"layers", std::to_string(chain->layerCount)});
    // Names the nest across runs: the PR summary says "`Handle`: 9 → 27 calls".
    f.properties.push_back({"outermostFunction", outer.function});
    out.push_back(std::move(f));
  }
}

} // namespace retrylint
