// Strongly connected components of a call graph given in compressed rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace retrylint {

/// Node v calls targets[first[v]] .. targets[first[v + 1] - 1]; first has one entry more
/// than there are nodes. Two flat arrays instead of a vector per node: a million functions.
struct CallGraphRows {
  std::vector<uint32_t> first;
  std::vector<uint32_t> targets;
  size_t nodes() const { return first.empty() ? 0 : first.size() - 1; }
};

/// The component of each node; `count` receives how many there are. Components are
/// numbered in the order Tarjan's algorithm closes them (callees before callers), so an
/// edge between two components always goes to the lower number.
/// Iterative: real call chains are deeper than a thread's stack allows for recursion.
std::vector<int> stronglyConnectedComponents(const CallGraphRows &graph, int &count);

} // namespace retrylint
