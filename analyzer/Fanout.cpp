#include "Fanout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <utility> // llvm/Support/thread.h needs std::exchange

#include "llvm/Support/thread.h"

namespace retrylint {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

/// The multiplier of a retry loop's attempts, resolving a helper's attempts parameter from
/// the arguments of the call that passed the callable.
Multiplier attemptsOf(const RetryLoop &loop, const CallEdge *viaCall) {
  Multiplier m;
  switch (loop.attempts.kind) {
  case AttemptBound::Kind::Constant:
    m.value = static_cast<double>(loop.attempts.count);
    break;
  case AttemptBound::Kind::Symbolic: {
    size_t i = static_cast<size_t>(loop.attemptsParam);
    if (viaCall && loop.attemptsParam >= 0 && i < viaCall->argKnown.size()) {
      if (viaCall->argKnown[i])
        m.value = static_cast<double>(viaCall->argValues[i]);
      else
        m.symbol = viaCall->argTexts[i].empty() ? loop.attempts.symbol : viaCall->argTexts[i];
    } else {
      m.symbol = loop.attempts.symbol;
    }
    break;
  }
  case AttemptBound::Kind::Deadline:
    m.symbol = "attempts-until-deadline";
    break;
  case AttemptBound::Kind::Unbounded:
    m.unbounded = true;
    break;
  case AttemptBound::Kind::Unknown:
    m.value = 1; // unknown bounds do not multiply: no guessing in a warning's numbers
    break;
  }
  return m;
}

/// Worst case below a node: what its calls multiply to.
struct Best {
  std::vector<FanoutLayer> layers;
  std::string leaf;
  bool cyclic = false;
  std::string virtualWorstCase;
  bool computed = false;
};

/// Ranks chains: unbounded, then the larger known product (a symbol counts as 3, a typical
/// attempts setting), then more layers, then the leaf's name for a deterministic choice.
std::tuple<bool, double, size_t, std::string> rank(const Best &b) {
  bool unbounded = b.cyclic;
  double product = 1;
  for (const FanoutLayer &l : b.layers) {
    unbounded |= l.attempts.unbounded;
    product *= l.attempts.symbol.empty() ? l.attempts.value : 3;
  }
  // Reverse the name so that the max picks the smallest name.
  std::string inverted = b.leaf;
  for (char &c : inverted)
    c = static_cast<char>(127 - c);
  return {unbounded, product, b.layers.size(), inverted};
}

struct Edge {
  std::string target;
  std::string targetName;
  std::vector<FanoutLayer> layers; // 0, 1 or 2 (a retry loop around a helper call)
  std::string virtualBase;
};

class Graph {
public:
  explicit Graph(const std::vector<TUFacts> &tus) {
    for (const TUFacts &tu : tus)
      for (const RetryLoop &loop : tu.retryLoops)
        if (loop.callableParam >= 0)
          helpers[loop.functionUsr].push_back(&loop);
    for (const TUFacts &tu : tus)
      for (const FunctionSummary &f : tu.functions) {
        if (!summaries.emplace(f.usr, &f).second)
          continue; // an inline function seen by several TUs: once
        for (const std::string &base : f.overrides)
          overriders[base].push_back(f.usr);
        for (const CallEdge &call : f.calls)
          addEdges(tu, f, call);
      }
  }

  std::vector<FanoutChain> chains() {
    std::vector<FanoutChain> result;
    std::vector<std::string> order;
    for (const auto &[usr, list] : edges)
      order.push_back(usr);
    std::sort(order.begin(), order.end());
    for (const std::string &usr : order)
      for (const Edge &e : edges[usr]) {
        if (e.layers.empty())
          continue;
        const Best &below = best(e.target, e.targetName);
        FanoutChain chain;
        chain.layers = e.layers;
        chain.layers.insert(chain.layers.end(), below.layers.begin(), below.layers.end());
        chain.leaf = below.leaf;
        chain.cyclic = below.cyclic;
        chain.virtualWorstCase = e.virtualBase.empty() ? below.virtualWorstCase : e.virtualBase;
        result.push_back(chain);
      }
    return result;
  }

private:
  void addEdges(const TUFacts &tu, const FunctionSummary &f, const CallEdge &call) {
    std::vector<FanoutLayer> layers;
    if (call.retryLoop >= 0 && static_cast<size_t>(call.retryLoop) < tu.retryLoops.size()) {
      const RetryLoop &loop = tu.retryLoops[call.retryLoop];
      Multiplier m = attemptsOf(loop, nullptr);
      if (m.retries())
        layers.push_back({loop.loop, f.name, "", m});
    }
    if (!call.helperUsr.empty()) {
      auto it = helpers.find(call.helperUsr);
      const RetryLoop *helperLoop = nullptr;
      if (it != helpers.end())
        for (const RetryLoop *loop : it->second)
          if (loop->callableParam == call.callableArg)
            helperLoop = loop;
      if (!helperLoop)
        return; // a callable handed to something that does not retry it: no edge here
      Multiplier m = attemptsOf(*helperLoop, &call);
      if (m.retries())
        layers.push_back({call.span, f.name, helperLoop->functionName, m});
    }
    std::vector<std::string> targets{call.calleeUsr};
    if (call.isVirtual)
      collectOverriders(call.calleeUsr, targets);
    for (const std::string &t : targets)
      edges[f.usr].push_back(
          {t, call.calleeName, layers, call.isVirtual && targets.size() > 1 ? call.calleeName : ""});
  }

  void collectOverriders(const std::string &usr, std::vector<std::string> &out) {
    auto it = overriders.find(usr);
    if (it == overriders.end())
      return;
    for (const std::string &o : it->second)
      if (std::find(out.begin(), out.end(), o) == out.end()) {
        out.push_back(o);
        collectOverriders(o, out);
      }
  }

  /// Depth-first with memoisation; an edge back into the current path is a recursion,
  /// unbounded when the cycle retries.
  const Best &best(const std::string &usr, const std::string &name) {
    Best &b = memo[usr];
    if (b.computed)
      return b;
    if (onPath.count(usr)) {
      static Best cycle;
      cycle = Best{};
      cycle.leaf = name;
      cycle.cyclic = cycleRetries(usr);
      return cycle;
    }
    b.leaf = name; // until a retry below says otherwise, the function itself is reached
    auto it = edges.find(usr);
    if (it != edges.end()) {
      onPath.insert(usr);
      path.push_back(usr);
      Best top = b;
      for (const Edge &e : it->second) {
        Best candidate;
        const Best &below = best(e.target, e.targetName);
        candidate.layers = e.layers;
        candidate.layers.insert(candidate.layers.end(), below.layers.begin(), below.layers.end());
        candidate.leaf = below.leaf;
        candidate.cyclic = below.cyclic;
        candidate.virtualWorstCase = e.virtualBase.empty() ? below.virtualWorstCase : e.virtualBase;
        if (rank(candidate) > rank(top))
          top = candidate;
      }
      path.pop_back();
      onPath.erase(usr);
      b = top;
    }
    b.computed = true;
    return b;
  }

  /// Whether the cycle closed at `usr` on the current path holds a retrying edge.
  bool cycleRetries(const std::string &usr) {
    auto start = std::find(path.begin(), path.end(), usr);
    for (auto it = start; it != path.end(); ++it) {
      auto next = std::next(it) == path.end() ? usr : *std::next(it);
      for (const Edge &e : edges[*it])
        if (e.target == next && !e.layers.empty())
          return true;
    }
    return false;
  }

  std::unordered_map<std::string, const FunctionSummary *> summaries;
  std::unordered_map<std::string, std::vector<const RetryLoop *>> helpers;
  std::unordered_map<std::string, std::vector<std::string>> overriders;
  std::map<std::string, std::vector<Edge>> edges;
  std::unordered_map<std::string, Best> memo;
  std::set<std::string> onPath;
  std::vector<std::string> path;
};

} // namespace

std::string Multiplier::text() const {
  if (unbounded)
    return "unbounded";
  return symbol.empty() ? number(value) : symbol;
}

double FanoutChain::product() const {
  double p = 1;
  for (const FanoutLayer &l : layers) {
    if (l.attempts.unbounded || !l.attempts.symbol.empty())
      return 0;
    p *= l.attempts.value;
  }
  return cyclic ? 0 : p;
}

std::string FanoutChain::productText() const {
  if (layers.size() == 1 && !cyclic)
    return layers.front().attempts.text();
  std::string factors;
  for (const FanoutLayer &l : layers)
    factors += (factors.empty() ? "" : " × ") + l.attempts.text();
  if (cyclic)
    return factors + " × a retrying recursion = unbounded";
  for (const FanoutLayer &l : layers)
    if (l.attempts.unbounded)
      return factors + " = unbounded";
  double p = product();
  return p > 0 ? factors + " = " + number(p) : factors;
}

std::vector<FanoutChain> computeFanout(const std::vector<TUFacts> &tus) {
  // The walk recurses once per call depth; a generated or real program can chain
  // thousands of functions, so it runs on a thread with room for that.
  std::vector<FanoutChain> result;
  llvm::thread worker(std::optional<unsigned>(512u << 20), [&] { result = Graph(tus).chains(); });
  worker.join();
  return result;
}

std::vector<const FanoutChain *> outermostChains(const std::vector<FanoutChain> &chains,
                                                 int minLayers) {
  using Site = std::tuple<std::string, unsigned, unsigned>;
  auto site = [](const SourceSpan &s) { return Site{s.file, s.line, s.column}; };
  std::vector<const FanoutChain *> candidates;
  std::set<Site> inner;
  for (const FanoutChain &chain : chains) {
    if (static_cast<int>(chain.layers.size()) < minLayers && !chain.cyclic)
      continue;
    candidates.push_back(&chain);
    for (size_t i = 1; i < chain.layers.size(); ++i)
      inner.insert(site(chain.layers[i].site));
  }
  std::vector<const FanoutChain *> result;
  std::set<Site> seen;
  for (const FanoutChain *chain : candidates) {
    Site outer = site(chain->layers.front().site);
    if (!inner.count(outer) && seen.insert(outer).second)
      result.push_back(chain);
  }
  return result;
}

} // namespace retrylint
