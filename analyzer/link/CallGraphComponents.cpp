#include "link/CallGraphComponents.h"

#include <algorithm>
#include <utility>

namespace retrylint {

std::vector<int> stronglyConnectedComponents(const CallGraphRows &graph, int &count) {
  const int n = static_cast<int>(graph.nodes());
  std::vector<int> index(n, -1), low(n, 0), component(n, -1), stack;
  std::vector<bool> onStack(n, false);
  std::vector<std::pair<int, uint32_t>> work; // a node and the next of its edges to follow
  int counter = 0;
  count = 0;
  for (int root = 0; root < n; ++root) {
    if (index[root] >= 0)
      continue;
    work.assign(1, {root, graph.first[root]});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    onStack[root] = true;
    while (!work.empty()) {
      auto &[v, i] = work.back();
      if (i < graph.first[v + 1]) {
        int w = static_cast<int>(graph.targets[i++]);
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          onStack[w] = true;
          work.push_back({w, graph.first[w]});
        } else if (onStack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = false;
          component[w] = count;
        } while (w != v);
        ++count;
      }
      int done = v;
      work.pop_back();
      if (!work.empty())
        low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return component;
}

} // namespace retrylint
