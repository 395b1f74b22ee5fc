// The call graph of all TUs with its retrying edges, and the worst chain of retrying
// layers below each node (memoised depth-first walk).
#include "link/FanoutGraph.h"

#include "facts/BudgetFacts.h"
#include "link/CallGraphComponents.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace retrylint {
namespace {

/// Attempts taken from a call's argument up to this; a larger one is shown as written.
constexpr int64_t MaxArgumentAttempts = 1000000;

/// The multiplier of a retry loop's attempts, resolving a helper's attempts parameter from
/// the arguments of the call that passed the callable.
Multiplier attemptsOf(const RetryLoop &loop, const CallEdge *viaCall) {
  Multiplier m;
  if (!loop.reported)
    return m; // below the run's confidence threshold: not a retrying layer either
  switch (loop.attempts.kind) {
  case AttemptBound::Kind::Constant:
    m.value = static_cast<double>(loop.attempts.count);
    break;
  case AttemptBound::Kind::Symbolic: {
    size_t i = static_cast<size_t>(loop.attemptsParam);
    int64_t offset = loop.attempts.offset;
    auto withOffset = [&](std::string s) {
      return offset == 0 ? s : s + (offset > 0 ? " + " : " - ") + std::to_string(offset > 0 ? offset : -offset);
    };
    if (viaCall && loop.attemptsParam >= 0 && i < viaCall->argKnown.size() &&
        i < viaCall->argValues.size() && i < viaCall->argTexts.size()) {
      // Retry(INT_MAX, fn) is "for ever" written as a number: name it, do not multiply it.
      int64_t v = viaCall->argValues[i];
      if (viaCall->argKnown[i] && v >= 0 && v + offset <= MaxArgumentAttempts)
        m.value = static_cast<double>(v + offset);
      else
        m.symbol = withOffset(viaCall->argTexts[i].empty() ? loop.attempts.symbol : viaCall->argTexts[i]);
    } else if (loop.attempts.effectivelyUnbounded) {
      m.unbounded = true;
    } else {
      m.symbol = withOffset(loop.attempts.symbol);
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
  case AttemptBound::Kind::UntilStopped: // a worker, not a layer of one request
    m.value = 1; // unknown bounds do not multiply: no guessing in a warning's numbers
    break;
  }
  return m;
}

/// Worst case below a node: what its calls multiply to. The chain itself is not stored
/// here (that is O(depth) per node); `edge` points to its first step, and the rest follows
/// the targets' own best steps.
struct Best {
  const struct Edge *edge = nullptr; // the first step of the worst chain; null at a leaf
  size_t layers = 0;
  double product = 1;  // known factors; a symbolic one counts as 3 for ranking
  bool unbounded = false;
  std::string leaf;
  bool cyclic = false;
  std::string virtualWorstCase;
  bool computed = false;
};

/// Ranks chains: unbounded, then the larger product, then more layers, then the leaf's
/// name for a deterministic choice.
std::tuple<bool, double, size_t, std::string> rank(const Best &b) {
  // Reverse the name so that the max picks the smallest name.
  std::string inverted = b.leaf;
  for (char &c : inverted)
    c = static_cast<char>(127 - c);
  return {b.unbounded || b.cyclic, b.product, b.layers, inverted};
}

struct Edge {
  std::string target;
  std::string targetName;
  std::vector<FanoutLayer> layers; // 0, 1 or 2 (a retry loop around a helper call)
  std::string virtualBase;
  const SourceSpan *call = nullptr; // the call's span in its TU's facts, which outlive the graph
};

bool within(const SourceSpan &inner, const SourceSpan &outer) {
  auto begin = [](const SourceSpan &s) { return std::make_pair(s.line, s.column); };
  auto end = [](const SourceSpan &s) { return std::make_pair(s.endLine, s.endColumn); };
  return inner.file == outer.file && begin(outer) <= begin(inner) && end(inner) <= end(outer);
}

class Graph {
public:
  Graph(const std::vector<TUFacts> &tus, const std::vector<Budget> &budgets) : budgets(budgets) {
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
    findComponents();
    std::vector<FanoutChain> result;
    for (const auto &[usr, list] : edges)
      for (const Edge &e : list) {
        if (e.layers.empty())
          continue;
        const Best &below = best(e.target, e.targetName);
        FanoutChain chain;
        chain.layerCount = e.layers.size() + below.layers;
        chain.leaf = below.leaf;
        chain.cyclic = below.cyclic;
        chain.virtualWorstCase = e.virtualBase.empty() ? below.virtualWorstCase : e.virtualBase;
        int component = componentOf[usr];
        chain.outermost = !covered[component];
        if (retryingCycle[component] && componentOf[e.target] == component) {
          chain.cyclic = true;
          chain.recursion = component;
        }
        chain.layers = withRetriedCalls(e);
        if (chain.outermost)
          appendLayers(e.target, chain.layers);
        result.push_back(std::move(chain));
      }
    // By site, the worst chain of each site first: that is the one reported.
    auto severity = [](const FanoutChain &c) {
      double product = 1;
      bool unbounded = c.cyclic;
      for (const FanoutLayer &l : c.layers) {
        unbounded |= l.attempts.unbounded;
        product *= l.attempts.symbol.empty() ? l.attempts.value : 3;
      }
      return std::make_tuple(unbounded, product, c.layerCount);
    };
    std::stable_sort(result.begin(), result.end(), [&](const FanoutChain &a, const FanoutChain &b) {
      const SourceSpan &x = a.layers.front().site, &y = b.layers.front().site;
      if (std::tie(x.file, x.line, x.column) != std::tie(y.file, y.line, y.column))
        return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
      return severity(a) > severity(b);
    });
    return result;
  }

private:
  void addEdges(const TUFacts &tu, const FunctionSummary &f, const CallEdge &call) {
    std::vector<FanoutLayer> layers;
    if (call.retryLoop >= 0 && static_cast<size_t>(call.retryLoop) < tu.retryLoops.size()) {
      const RetryLoop &loop = tu.retryLoops[call.retryLoop];
      Multiplier m = attemptsOf(loop, nullptr);
      if (m.retries())
        layers.push_back(layer(loop.loop, f, "", m, loop));
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
        layers.push_back(layer(call.span, f, helperLoop->functionName, m, *helperLoop));
    }
    std::vector<std::string> targets{call.calleeUsr};
    if (call.isVirtual)
      collectOverriders(call.calleeUsr, targets);
    for (const std::string &t : targets)
      edges[f.usr].push_back({t, call.calleeName, layers,
                              call.isVirtual && targets.size() > 1 ? call.calleeName : "", &call.span});
  }

  FanoutLayer layer(const SourceSpan &site, const FunctionSummary &f, const std::string &via,
                    const Multiplier &m, const RetryLoop &loop) const {
    FanoutLayer l{site, f.name, via, m, ceilingOf(loop)};
    l.loop = loop.loop;
    l.functionSpan = f.span;
    return l;
  }

  /// An edge's layers with the call each repeats: a loop repeats the edge's call; a helper
  /// repeats what the callable calls first on the worst path, when that lies inside the
  /// helper's call (a lambda argument), else the callable itself.
  std::vector<FanoutLayer> withRetriedCalls(const Edge &e) {
    std::vector<FanoutLayer> layers = e.layers;
    for (FanoutLayer &l : layers) {
      l.retriedCall = *e.call;
      if (l.via.empty())
        continue;
      const Best &below = best(e.target, e.targetName);
      if (below.edge && within(*below.edge->call, l.site))
        l.retriedCall = *below.edge->call;
    }
    return layers;
  }

  /// The ceiling of the budget a loop consults; a consulted budget the model did not
  /// recognise is taken as the common 10% bucket.
  double ceilingOf(const RetryLoop &loop) const {
    if (const Budget *b = budgetConsultedBy(budgets, loop.retryGateUsrs); b && b->ceiling)
      return *b->ceiling;
    return loop.budgetCall.empty() ? -1 : 0.1;
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
    b.leaf = name; // until a call below says otherwise, the function itself is reached
    auto it = edges.find(usr);
    if (it != edges.end()) {
      onPath.insert(usr);
      path.push_back(usr);
      Best top = b;
      bool first = true; // a function that calls something is not itself what is reached
      for (const Edge &e : it->second) {
        const Best &below = best(e.target, e.targetName);
        Best candidate;
        candidate.edge = &e;
        candidate.layers = below.layers + e.layers.size();
        candidate.product = below.product;
        candidate.unbounded = below.unbounded;
        for (const FanoutLayer &l : e.layers) {
          candidate.unbounded |= l.attempts.unbounded;
          candidate.product *= l.attempts.symbol.empty() ? l.attempts.value : 3;
        }
        candidate.leaf = below.leaf;
        candidate.cyclic = below.cyclic;
        candidate.virtualWorstCase = e.virtualBase.empty() ? below.virtualWorstCase : e.virtualBase;
        if (first || rank(candidate) > rank(top))
          top = candidate;
        first = false;
      }
      path.pop_back();
      onPath.erase(usr);
      b = top;
    }
    b.computed = true;
    return b;
  }

  /// The layers of the worst chain below `usr`, following each node's best step.
  void appendLayers(std::string usr, std::vector<FanoutLayer> &layers) {
    std::set<std::string> visited;
    while (layers.size() < FanoutChain::MaxShownLayers && visited.insert(usr).second) {
      auto it = memo.find(usr);
      if (it == memo.end() || !it->second.edge)
        return;
      const Edge &e = *it->second.edge;
      for (const FanoutLayer &l : withRetriedCalls(e))
        if (layers.size() < FanoutChain::MaxShownLayers)
          layers.push_back(l);
      usr = e.target;
    }
  }

  /// Strongly connected components, which of them retry inside a cycle, and which lie
  /// below some retrying layer of another component: a retry site there is an inner
  /// layer, reported with its outermost one.
  void findComponents() {
    std::vector<std::string> nodes;
    for (const auto &[usr, list] : edges) {
      nodes.push_back(usr);
      for (const Edge &e : list)
        nodes.push_back(e.target);
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    std::unordered_map<std::string, int> id;
    for (size_t i = 0; i < nodes.size(); ++i)
      id[nodes[i]] = static_cast<int>(i);
    std::vector<std::vector<int>> next(nodes.size());
    for (const auto &[usr, list] : edges)
      for (const Edge &e : list)
        next[id[usr]].push_back(id[e.target]);

    const int n = static_cast<int>(nodes.size());
    int components = 0;
    std::vector<int> component = stronglyConnectedComponents(next, components);
    for (int v = 0; v < n; ++v)
      componentOf[nodes[v]] = component[v];

    retryingCycle.assign(components, false);
    covered.assign(components, false);
    std::vector<int> frontier;
    for (const auto &[usr, list] : edges)
      for (const Edge &e : list) {
        if (e.layers.empty())
          continue;
        int from = componentOf[usr], to = componentOf[e.target];
        if (from == to)
          retryingCycle[from] = true;
        else if (!covered[to])
          covered[to] = true, frontier.push_back(to);
      }
    // Everything reachable from a retried callee is under that retry.
    std::vector<std::vector<int>> below(components);
    for (int v = 0; v < n; ++v)
      for (int w : next[v])
        if (component[v] != component[w])
          below[component[v]].push_back(component[w]);
    while (!frontier.empty()) {
      int c = frontier.back();
      frontier.pop_back();
      for (int d : below[c])
        if (!covered[d])
          covered[d] = true, frontier.push_back(d);
    }
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

  const std::vector<Budget> &budgets;
  std::unordered_map<std::string, const FunctionSummary *> summaries;
  std::unordered_map<std::string, std::vector<const RetryLoop *>> helpers;
  std::unordered_map<std::string, std::vector<std::string>> overriders;
  std::map<std::string, std::vector<Edge>> edges;
  std::unordered_map<std::string, Best> memo;
  std::set<std::string> onPath;
  std::vector<std::string> path;
  std::unordered_map<std::string, int> componentOf;
  std::vector<bool> retryingCycle, covered;
};

} // namespace

std::vector<FanoutChain> fanoutChains(const std::vector<TUFacts> &tus, const std::vector<Budget> &budgets) {
  return Graph(tus, budgets).chains();
}

} // namespace retrylint
