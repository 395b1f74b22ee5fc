#include "link/Fanout.h"

#include "link/FanoutGraph.h"

#include <set>
#include <tuple>

#include <utility> // llvm/Support/thread.h needs std::exchange

#include "llvm/Support/thread.h"

namespace retrylint {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

/// 1.1, 1.21, 3: up to two decimals, no trailing zeros.
std::string number2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0')
    s.pop_back();
  if (s.back() == '.')
    s.pop_back();
  return s;
}

} // namespace


std::string Multiplier::text() const {
  if (unbounded)
    return "unbounded";
  return symbol.empty() ? number(value) : symbol;
}

double FanoutChain::product() const {
  if (cyclic || layers.size() < layerCount)
    return 0; // unbounded, or longer than shown
  double p = 1;
  for (const FanoutLayer &l : layers) {
    if (l.attempts.unbounded || !l.attempts.symbol.empty())
      return 0;
    p *= l.attempts.value;
  }
  return p;
}

std::string FanoutChain::productText() const {
  if (layers.size() == 1 && layerCount == 1 && !cyclic)
    return layers.front().attempts.text();
  std::string factors;
  for (const FanoutLayer &l : layers)
    factors += (factors.empty() ? "" : " × ") + l.attempts.text();
  if (layers.size() < layerCount)
    return factors + " × … (" + std::to_string(layerCount) + " layers)";
  if (cyclic)
    return factors + " × … (a retrying recursion) = unbounded";
  for (const FanoutLayer &l : layers)
    if (l.attempts.unbounded)
      return factors + " = unbounded";
  double p = product();
  return p > 0 ? factors + " = " + number(p) : factors;
}

std::string FanoutChain::budgetedProductText() const {
  bool any = false;
  double p = 1;
  std::string factors;
  for (const FanoutLayer &l : layers) {
    any |= l.budgetCeiling >= 0;
    std::string factor = l.budgetCeiling >= 0 ? number2(1 + l.budgetCeiling) : l.attempts.text();
    factors += (factors.empty() ? "" : " × ") + factor;
    if (l.budgetCeiling >= 0)
      p *= 1 + l.budgetCeiling;
    else if (!l.attempts.unbounded && l.attempts.symbol.empty())
      p *= l.attempts.value;
    else
      p = 0;
  }
  if (!any || layers.size() < layerCount || cyclic)
    return {};
  return p > 0 ? factors + " = " + number2(p) : factors;
}

std::vector<FanoutChain> computeFanout(const std::vector<TUFacts> &tus,
                                       const std::vector<Budget> &budgets) {
  // The walk recurses once per call depth; a generated or real program can chain
  // thousands of functions, so it runs on a thread with room for that.
  std::vector<FanoutChain> result;
  llvm::thread worker(std::optional<unsigned>(512u << 20), [&] { result = fanoutChains(tus, budgets); });
  worker.join();
  return result;
}

std::vector<const FanoutChain *> outermostChains(const std::vector<FanoutChain> &chains,
                                                 int minLayers) {
  using Site = std::tuple<std::string, unsigned, unsigned>;
  std::vector<const FanoutChain *> result;
  std::set<Site> seen;
  std::set<int> recursions;
  for (const FanoutChain &chain : chains) {
    if (!chain.outermost || (static_cast<int>(chain.layerCount) < minLayers && !chain.cyclic))
      continue;
    const SourceSpan &s = chain.layers.front().site;
    if (!seen.insert({s.file, s.line, s.column}).second)
      continue; // a retry site with several callees: its worst chain came first
    if (chain.recursion >= 0 && !recursions.insert(chain.recursion).second)
      continue; // one report per retrying recursion
    result.push_back(&chain);
  }
  return result;
}

} // namespace retrylint
