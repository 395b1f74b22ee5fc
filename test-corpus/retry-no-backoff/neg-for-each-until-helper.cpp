// Negative: `for_each_until` and `find_until` helpers take a callable and stop at the first
// element it accepts. They walk a range (each call gets the next element); nothing is retried.
#include <cstddef>
#include <string>
#include <vector>

namespace routing {

template <class Range, class Fn>
bool for_each_until(const Range& range, Fn fn) {
  for (const auto& item : range)
    if (fn(item)) return true;
  return false;
}

template <class T, class Fn>
std::size_t find_until(const std::vector<T>& items, Fn fn, std::size_t max_items) {
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i)
    if (fn(items[i])) return i;
  return items.size();
}

bool Probe(const std::string& host);  // a health check over the network

bool AnyHealthy(const std::vector<std::string>& hosts) {
  return for_each_until(hosts, [](const std::string& host) { return Probe(host); });
}

std::size_t FirstHealthy(const std::vector<std::string>& hosts) {
  return find_until(hosts, [](const std::string& host) { return Probe(host); }, 8);
}

}  // namespace routing
