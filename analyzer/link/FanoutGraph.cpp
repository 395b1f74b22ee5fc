// The call graph of all TUs with its retrying edges, and the worst chain of retrying
// layers below each node (memoised depth-first walk).
#include "link/FanoutGraph.h"

#include "facts/BudgetFacts.h"
#include "link/CallGraphComponents.h"
#include "link/LoopMultiplier.h"
#include "link/UsrIds.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace retrylint {
namespace {

/// Worst case below a node: what its calls multiply to. The chain itself is not stored
/// here (that is O(depth) per node); `edge` points to its first step, and the rest follows
/// the targets' own best steps. Names point into the facts: no copy per node.
struct Best {
  const struct Edge *edge = nullptr; // the first step of the worst chain; null at a leaf
  size_t layers = 0;
  double product = 1;  // known factors; a symbolic one counts as 3 for ranking
  bool unbounded = false;
  llvm::StringRef leaf;
  bool cyclic = false;
  llvm::StringRef virtualWorstCase;
  bool computed = false;
};

/// Whether leaf `a` ranks above leaf `b`: the smaller name does, compared as the names with
/// each byte c turned into 127 - c (a shorter prefix still ranks below), which is how the
/// ranking has always broken ties (reports stay byte-identical).
bool leafRanksAbove(llvm::StringRef a, llvm::StringRef b) {
  auto inverted = [](char c) { return static_cast<unsigned char>(static_cast<char>(127 - c)); };
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (inverted(a[i]) != inverted(b[i]))
      return inverted(a[i]) > inverted(b[i]);
  return a.size() > b.size();
}

/// Ranks chains: unbounded, then the larger product, then more layers, then the leaf's
/// name for a deterministic choice.
bool ranksAbove(const Best &a, const Best &b) {
  bool ua = a.unbounded || a.cyclic, ub = b.unbounded || b.cyclic;
  if (ua != ub)
    return ua;
  if (b.product < a.product)
    return true;
  if (a.product < b.product)
    return false;
  if (a.layers != b.layers)
    return a.layers > b.layers;
  return leafRanksAbove(a.leaf, b.leaf);
}

/// A call from one function to one target (a virtual call has one per override). The layers
/// live in the graph's pool, shared by the targets of one call.
struct Edge {
  UsrId target;
  uint32_t firstLayer = 0;
  uint32_t layerCount = 0;
  bool dispatched = false; // a virtual call with several targets: the worst override is taken
  const CallEdge *call = nullptr; // in its TU's facts, which outlive the graph

  llvm::StringRef targetName() const { return call->calleeName; }
  llvm::StringRef virtualBase() const { return dispatched ? llvm::StringRef(call->calleeName) : ""; }
};

bool within(const SourceSpan &inner, const SourceSpan &outer) {
  auto begin = [](const SourceSpan &s) { return std::make_pair(s.line, s.column); };
  auto end = [](const SourceSpan &s) { return std::make_pair(s.endLine, s.endColumn); };
  return inner.file == outer.file && begin(outer) <= begin(inner) && end(inner) <= end(outer);
}

/// Functions by USR id, their edges in compressed rows of call order.
class Graph {
public:
  Graph(const std::vector<TUFacts> &tus, const std::vector<Budget> &budgets) : budgets(budgets) {
    size_t functions = 0, calls = 0;
    for (const TUFacts &tu : tus)
      for (const FunctionSummary &f : tu.functions)
        ++functions, calls += f.calls.size();
    ids.reserve(functions + functions / 4);
    hasSummary.reserve(functions + functions / 4);
    edgeRange.reserve(functions + functions / 4);
    edges.reserve(calls);
    for (const TUFacts &tu : tus)
      for (const RetryLoop &loop : tu.retryLoops)
        if (loop.callableParam >= 0)
          helpers[ids.intern(loop.functionUsr)].push_back(&loop);
    for (const TUFacts &tu : tus)
      for (const FunctionSummary &f : tu.functions) {
        UsrId id = ids.intern(f.usr);
        growTo(id);
        if (hasSummary[id])
          continue; // an inline function seen by several TUs: once
        hasSummary[id] = true;
        // Overrides count from here on: a virtual call sees the overriders read before it.
        for (const std::string &base : f.overrides)
          overriders[ids.intern(base)].push_back(id);
        uint32_t begin = static_cast<uint32_t>(edges.size());
        for (const CallEdge &call : f.calls)
          addEdges(tu, f, call);
        edgeRange[id] = {begin, static_cast<uint32_t>(edges.size())};
      }
    if (ids.size())
      growTo(static_cast<UsrId>(ids.size() - 1));
  }

  std::vector<FanoutChain> chains() {
    if (ids.size() == 0)
      return {};
    memo.assign(ids.size(), Best{});
    pathIndex.assign(ids.size(), NoUsrId);
    findComponents();
    // In the order of the calling function's USR, then of its calls: the walk's memo (which
    // caller names a leaf, where a cycle is entered) depends on it.
    std::vector<std::pair<UsrId, uint32_t>> retrying;
    for (UsrId id = 0; id < ids.size(); ++id)
      for (uint32_t e = edgeRange[id].first; e < edgeRange[id].second; ++e)
        if (edges[e].layerCount)
          retrying.push_back({id, e});
    std::stable_sort(retrying.begin(), retrying.end(), [&](const auto &a, const auto &b) {
      return a.first != b.first && ids.usr(a.first) < ids.usr(b.first);
    });
    std::vector<FanoutChain> result;
    result.reserve(retrying.size());
    for (const auto &[from, index] : retrying) {
      const Edge &e = edges[index];
      const Best &below = best(e.target, e.targetName());
      FanoutChain chain;
      chain.layerCount = e.layerCount + below.layers;
      chain.leaf = below.leaf.str();
      chain.cyclic = below.cyclic;
      chain.virtualWorstCase = (e.virtualBase().empty() ? below.virtualWorstCase : e.virtualBase()).str();
      int component = componentOf[from];
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
    // Sorts positions, then moves each chain once: a chain is large.
    std::vector<size_t> order(result.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
      const FanoutChain &a = result[i], &b = result[j];
      const SourceSpan &x = a.layers.front().site, &y = b.layers.front().site;
      if (std::tie(x.file, x.line, x.column) != std::tie(y.file, y.line, y.column))
        return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
      return severity(a) > severity(b);
    });
    std::vector<FanoutChain> sorted;
    sorted.reserve(result.size());
    for (size_t i : order)
      sorted.push_back(std::move(result[i]));
    return sorted;
  }

private:
  void growTo(UsrId id) {
    if (id >= hasSummary.size()) {
      hasSummary.resize(id + 1, false);
      edgeRange.resize(id + 1, {0, 0});
    }
  }

  void addEdges(const TUFacts &tu, const FunctionSummary &f, const CallEdge &call) {
    uint32_t firstLayer = static_cast<uint32_t>(layerPool.size());
    if (call.retryLoop >= 0 && static_cast<size_t>(call.retryLoop) < tu.retryLoops.size()) {
      const RetryLoop &loop = tu.retryLoops[call.retryLoop];
      Multiplier m = attemptsOf(loop, nullptr);
      if (m.retries())
        layerPool.push_back(layer(loop.loop, f, "", m, loop));
    }
    if (!call.helperUsr.empty()) {
      const RetryLoop *helperLoop = nullptr;
      UsrId helper = ids.find(call.helperUsr);
      auto it = helper == NoUsrId ? helpers.end() : helpers.find(helper);
      if (it != helpers.end())
        for (const RetryLoop *loop : it->second)
          if (loop->callableParam == call.callableArg)
            helperLoop = loop;
      if (!helperLoop && !call.library) {
        layerPool.erase(layerPool.begin() + firstLayer, layerPool.end());
        return; // a callable handed to something that does not retry it: no edge here
      }
      if (helperLoop)
        if (Multiplier m = attemptsOf(*helperLoop, &call); m.retries())
          layerPool.push_back(layer(call.span, f, helperLoop->functionName, m, *helperLoop));
    }
    if (call.library)
      if (Multiplier m = attemptsOf(*call.library); m.retries())
        layerPool.push_back(libraryLayer(call, m));
    uint32_t layerCount = static_cast<uint32_t>(layerPool.size()) - firstLayer;
    UsrId callee = ids.intern(call.calleeUsr);
    if (!call.isVirtual) {
      edges.push_back({callee, firstLayer, layerCount, false, &call});
      return;
    }
    std::vector<UsrId> targets{callee};
    collectOverriders(callee, targets);
    for (UsrId t : targets)
      edges.push_back({t, firstLayer, layerCount, targets.size() > 1, &call});
  }

  FanoutLayer layer(const SourceSpan &site, const FunctionSummary &f, const std::string &via,
                    const Multiplier &m, const RetryLoop &loop) const {
    FanoutLayer l{site, f.name, via, m, ceilingOf(loop)};
    l.loop = loop.loop;
    l.functionSpan = f.span;
    return l;
  }

  /// A library's own retries below a call: the site is the call into the library.
  FanoutLayer libraryLayer(const CallEdge &call, const Multiplier &m) const {
    // Around a callable (folly::futures::retrying): the callable, not a named function.
    FanoutLayer l{call.span, call.helperUsr.empty() ? call.calleeName : "", "", m, call.library->budgetCeiling};
    l.library = call.library->library;
    l.libraryPolicy = call.library->policy;
    l.loop = call.span;
    l.functionSpan = call.library->configured.line ? call.library->configured : call.span;
    return l;
  }

  /// An edge's layers with the call each repeats: a loop repeats the edge's call; a helper
  /// repeats what the callable calls first on the worst path, when that lies inside the
  /// helper's call (a lambda argument), else the callable itself.
  std::vector<FanoutLayer> withRetriedCalls(const Edge &e) {
    std::vector<FanoutLayer> layers(layerPool.begin() + e.firstLayer,
                                    layerPool.begin() + e.firstLayer + e.layerCount);
    for (FanoutLayer &l : layers) {
      l.retriedCall = e.call->span;
      if (l.via.empty() || !l.library.empty())
        continue;
      const Best &below = best(e.target, e.targetName());
      if (below.edge && within(below.edge->call->span, l.site))
        l.retriedCall = below.edge->call->span;
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

  void collectOverriders(UsrId id, std::vector<UsrId> &out) {
    auto it = overriders.find(id);
    if (it == overriders.end())
      return;
    for (UsrId o : it->second)
      if (std::find(out.begin(), out.end(), o) == out.end()) {
        out.push_back(o);
        collectOverriders(o, out);
      }
  }

  /// Depth-first with memoisation; an edge back into the current path is a recursion,
  /// unbounded when the cycle retries.
  const Best &best(UsrId id, llvm::StringRef name) {
    Best &b = memo[id];
    if (b.computed)
      return b;
    if (pathIndex[id] != NoUsrId) {
      static Best cycle;
      cycle = Best{};
      cycle.leaf = name;
      cycle.cyclic = cycleRetries(id);
      return cycle;
    }
    b.leaf = name; // until a call below says otherwise, the function itself is reached
    auto [begin, end] = edgeRange[id];
    if (begin != end) {
      pathIndex[id] = static_cast<UsrId>(path.size());
      path.push_back(id);
      Best top = b;
      bool first = true; // a function that calls something is not itself what is reached
      for (uint32_t i = begin; i < end; ++i) {
        const Edge &e = edges[i];
        const Best &below = best(e.target, e.targetName());
        Best candidate;
        candidate.edge = &e;
        candidate.layers = below.layers + e.layerCount;
        candidate.product = below.product;
        candidate.unbounded = below.unbounded;
        for (uint32_t l = e.firstLayer; l < e.firstLayer + e.layerCount; ++l) {
          const Multiplier &m = layerPool[l].attempts;
          candidate.unbounded |= m.unbounded;
          candidate.product *= m.symbol.empty() ? m.value : 3;
        }
        candidate.leaf = below.leaf;
        candidate.cyclic = below.cyclic;
        candidate.virtualWorstCase = e.virtualBase().empty() ? below.virtualWorstCase : e.virtualBase();
        if (first || ranksAbove(candidate, top))
          top = candidate;
        first = false;
      }
      path.pop_back();
      pathIndex[id] = NoUsrId;
      b = top;
    }
    b.computed = true;
    return b;
  }

  /// The layers of the worst chain below `id`, following each node's best step.
  void appendLayers(UsrId id, std::vector<FanoutLayer> &layers) {
    llvm::DenseSet<UsrId> visited;
    while (layers.size() < FanoutChain::MaxShownLayers && visited.insert(id).second) {
      if (!memo[id].edge)
        return;
      const Edge &e = *memo[id].edge;
      for (const FanoutLayer &l : withRetriedCalls(e))
        if (layers.size() < FanoutChain::MaxShownLayers)
          layers.push_back(l);
      id = e.target;
    }
  }

  /// Strongly connected components, which of them retry inside a cycle, and which lie
  /// below some retrying layer of another component: a retry site there is an inner
  /// layer, reported with its outermost one.
  void findComponents() {
    const size_t n = ids.size();
    CallGraphRows rows;
    rows.first.reserve(n + 1);
    rows.targets.reserve(edges.size());
    for (UsrId v = 0; v < n; ++v) {
      rows.first.push_back(static_cast<uint32_t>(rows.targets.size()));
      for (uint32_t e = edgeRange[v].first; e < edgeRange[v].second; ++e)
        rows.targets.push_back(edges[e].target);
    }
    rows.first.push_back(static_cast<uint32_t>(rows.targets.size()));
    int components = 0;
    componentOf = stronglyConnectedComponents(rows, components);

    retryingCycle.assign(components, false);
    covered.assign(components, false);
    for (UsrId v = 0; v < n; ++v)
      for (uint32_t e = edgeRange[v].first; e < edgeRange[v].second; ++e) {
        if (!edges[e].layerCount)
          continue;
        int from = componentOf[v], to = componentOf[edges[e].target];
        if (from == to)
          retryingCycle[from] = true;
        else
          covered[to] = true;
      }
    // Everything reachable from a retried callee is under that retry. Components are
    // numbered callees first, so callers come first from the highest number down.
    std::vector<uint32_t> byComponent(n), firstOf(components + 1, 0);
    for (UsrId v = 0; v < n; ++v)
      ++firstOf[componentOf[v] + 1];
    for (int c = 0; c < components; ++c)
      firstOf[c + 1] += firstOf[c];
    std::vector<uint32_t> fill(firstOf.begin(), firstOf.end() - 1);
    for (UsrId v = 0; v < n; ++v)
      byComponent[fill[componentOf[v]]++] = v;
    for (int c = components - 1; c >= 0; --c) {
      if (!covered[c])
        continue;
      for (uint32_t i = firstOf[c]; i < firstOf[c + 1]; ++i)
        for (uint32_t t = rows.first[byComponent[i]]; t < rows.first[byComponent[i] + 1]; ++t)
          covered[componentOf[rows.targets[t]]] = true;
    }
  }

  /// Whether the cycle closed at `id` on the current path holds a retrying edge.
  bool cycleRetries(UsrId id) {
    for (size_t i = pathIndex[id]; i < path.size(); ++i) {
      UsrId next = i + 1 == path.size() ? id : path[i + 1];
      for (uint32_t e = edgeRange[path[i]].first; e < edgeRange[path[i]].second; ++e)
        if (edges[e].target == next && edges[e].layerCount)
          return true;
    }
    return false;
  }

  const std::vector<Budget> &budgets;
  UsrIds ids;
  std::vector<bool> hasSummary;
  llvm::DenseMap<UsrId, std::vector<const RetryLoop *>> helpers;
  llvm::DenseMap<UsrId, std::vector<UsrId>> overriders;
  std::vector<Edge> edges;                              // each function's calls in order
  std::vector<std::pair<uint32_t, uint32_t>> edgeRange; // by function: its edges
  std::vector<FanoutLayer> layerPool;                   // the layers of the retrying edges
  std::vector<Best> memo;
  std::vector<UsrId> path;      // the walk's current path
  std::vector<UsrId> pathIndex; // by function: its place on the path, NoUsrId if off it
  std::vector<int> componentOf;
  std::vector<bool> retryingCycle, covered;
};

} // namespace

std::vector<FanoutChain> fanoutChains(const std::vector<TUFacts> &tus, const std::vector<Budget> &budgets) {
  return Graph(tus, budgets).chains();
}

} // namespace retrylint
