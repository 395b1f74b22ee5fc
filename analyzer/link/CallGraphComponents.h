// Strongly connected components of a call graph given as adjacency lists.
#pragma once

#include <vector>

namespace retrylint {

/// The component of each node; `count` receives how many there are. Components are
/// numbered in the order Tarjan's algorithm closes them (callees before callers).
/// Iterative: real call chains are deeper than a thread's stack allows for recursion.
std::vector<int> stronglyConnectedComponents(const std::vector<std::vector<int>> &next,
                                             int &count);

} // namespace retrylint
