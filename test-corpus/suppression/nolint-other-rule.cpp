// Suppression that must not apply: a NOLINT naming a different rule, a NOLINTNEXTLINE naming a
// different rule, and an empty NOLINT() leave the findings reported (clang-tidy semantics).
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "resilience/retry_budget.h"

namespace maps {

struct Route {
  std::string polyline;
  int duration_s = 0;
};

class RoutingClient {
 public:
  std::optional<Route> Directions(const std::string& from, const std::string& to);
  bool WarmRegion(const std::string& region);
};

std::optional<Route> PlanRoute(RoutingClient& routing, const std::string& from,
                               const std::string& to) {
  std::optional<Route> route;
  for (int attempt = 0; attempt < 3 && !route; ++attempt) {  // NOLINT(retry-unbounded); expect: retry-no-backoff, retry-unbudgeted
    route = routing.Directions(from, to);
  }
  return route;
}

bool WarmRegion(RoutingClient& routing, resilience::RetryBudget& budget,
                const std::string& region) {
  constexpr int kMaxAttempts = 4;
  std::chrono::milliseconds delay(250);
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (routing.WarmRegion(region)) {
      return true;
    }
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) {
      break;
    }
    // NOLINTNEXTLINE(retry-backoff-uncapped)
    std::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter
    delay *= 2;
  }
  return false;
}

std::optional<Route> Reroute(RoutingClient& routing, const std::string& from,
                             const std::string& to) {
  std::optional<Route> route;
  int attempts = 0;
  while (!route && attempts++ < 2) {  // NOLINT(); expect: retry-no-backoff, retry-unbudgeted
    route = routing.Directions(from, to);
  }
  return route;
}

}  // namespace maps
