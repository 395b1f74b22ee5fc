#include "retrylint/sim/Report.h"

#include "retrylint/sim/RetryPolicy.h"

namespace retrylint::sim {

/// The point for (clients index, strategy index); points are clients-major.
static const ContentionPoint &pointAt(const ContentionResult &result, size_t clientIndex,
                                      size_t strategyIndex) {
  return result.points[clientIndex * allContentionStrategies().size() + strategyIndex];
}

/// One table: a row per client count, a column per strategy.
static std::string table(const ContentionResult &result, const char *title,
                         double ContentionPoint::*field) {
  std::string out = std::string("  ") + title + "\n  clients";
  for (ContentionStrategy strategy : allContentionStrategies())
    out += formatText("  %13s", toString(strategy));
  out += "\n";
  for (size_t c = 0; c < result.clientCounts.size(); ++c) {
    out += formatText("  %7d", result.clientCounts[c]);
    for (size_t s = 0; s < allContentionStrategies().size(); ++s)
      out += formatText("  %13.1f", pointAt(result, c, s).*field);
    out += "\n";
  }
  return out;
}

std::string contentionText(const ContentionScenario &scenario, const ContentionResult &result) {
  std::string out = "retrylint simulate: contention (optimistic concurrency, one shared row)\n";
  out += formatText("  each client reads the version, then writes conditionally; a message takes "
                    "|Normal(%s, %s)|;\n  backoff base %s, cap %s; mean of %d runs per point; seed %llu\n\n",
                    formatDuration(scenario.networkMeanMs).c_str(),
                    formatDuration(scenario.networkSdMs).c_str(), formatDuration(scenario.baseMs).c_str(),
                    formatDuration(scenario.capMs).c_str(), scenario.runs,
                    static_cast<unsigned long long>(scenario.seed));
  out += table(result, "write calls (mean per run)", &ContentionPoint::meanWriteCalls);
  out += "\n";
  out += table(result, "completion time in ms (mean per run)", &ContentionPoint::meanCompletionMs);
  return out;
}

nlohmann::ordered_json contentionJson(const ContentionScenario &scenario,
                                      const ContentionResult &result) {
  nlohmann::ordered_json out;
  out["scenario"] = "contention";
  out["parameters"] = {{"min_clients", scenario.minClients}, {"max_clients", scenario.maxClients},
                       {"client_step", scenario.clientStep}, {"runs", scenario.runs},
                       {"network_mean_ms", scenario.networkMeanMs},
                       {"network_sd_ms", scenario.networkSdMs}, {"base_ms", scenario.baseMs},
                       {"cap_ms", scenario.capMs}, {"seed", scenario.seed}};
  out["strategies"] = nlohmann::ordered_json::array();
  for (ContentionStrategy strategy : allContentionStrategies())
    out["strategies"].push_back(toString(strategy));
  out["rows"] = nlohmann::ordered_json::array();
  for (size_t c = 0; c < result.clientCounts.size(); ++c) {
    nlohmann::ordered_json calls, times;
    for (size_t s = 0; s < allContentionStrategies().size(); ++s) {
      const ContentionPoint &point = pointAt(result, c, s);
      calls[toString(point.strategy)] = point.meanWriteCalls;
      times[toString(point.strategy)] = point.meanCompletionMs;
    }
    out["rows"].push_back(
        {{"clients", result.clientCounts[c]}, {"write_calls", calls}, {"completion_ms", times}});
  }
  return out;
}

/// "Write calls at 190 clients: 8014 with no-backoff → 1771 with full-jitter (4.5× fewer)":
/// the worst and the best strategy at the largest client count.
static std::string resultTitle(const ContentionResult &result, const char *what,
                               double ContentionPoint::*field, const char *unit, const char *fewer) {
  if (result.clientCounts.empty())
    return what;
  const size_t last = result.clientCounts.size() - 1, strategies = allContentionStrategies().size();
  size_t worst = 0, best = 0;
  for (size_t s = 1; s < strategies; ++s) {
    if (pointAt(result, last, s).*field > pointAt(result, last, worst).*field)
      worst = s;
    if (pointAt(result, last, s).*field < pointAt(result, last, best).*field)
      best = s;
  }
  const double high = pointAt(result, last, worst).*field, low = pointAt(result, last, best).*field;
  return formatText("%s at %d clients: %.0f%s with %s \u2192 %.0f%s with %s (%.1f\u00d7 %s)", what,
                    result.clientCounts[last], high, unit, toString(allContentionStrategies()[worst]), low,
                    unit, toString(allContentionStrategies()[best]), low > 0 ? high / low : 0.0, fewer);
}

std::vector<LineChart> contentionCharts(const ContentionScenario &scenario,
                                        const ContentionResult &result) {
  const std::string runs = "mean of " + std::to_string(scenario.runs) + " runs";
  LineChart calls{resultTitle(result, "Write calls", &ContentionPoint::meanWriteCalls, "", "fewer"),
                  "contending clients", "write calls (" + runs + ")", {}, {}, 0};
  LineChart times{resultTitle(result, "Completion time", &ContentionPoint::meanCompletionMs, " ms", "sooner"),
                  "contending clients", "completion time (ms, " + runs + ")", {}, {}, 0};
  for (size_t s = 0; s < allContentionStrategies().size(); ++s) {
    ChartSeries callSeries{toString(allContentionStrategies()[s]), {}};
    ChartSeries timeSeries{callSeries.label, {}};
    for (size_t c = 0; c < result.clientCounts.size(); ++c) {
      const ContentionPoint &point = pointAt(result, c, s);
      callSeries.points.emplace_back(point.clients, point.meanWriteCalls);
      timeSeries.points.emplace_back(point.clients, point.meanCompletionMs);
    }
    calls.series.push_back(std::move(callSeries));
    times.series.push_back(std::move(timeSeries));
  }
  return {calls, times};
}

} // namespace retrylint::sim
