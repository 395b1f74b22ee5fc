// What a breaker run prints: the table, JSON, and the charts behind --svg / --html.
#include "retrylint/sim/PolicyInput.h"
#include "retrylint/sim/Report.h"

#include <algorithm>
#include <cmath>

namespace retrylint::sim {

/// "+20.1s", or "not by +40s" when the breaker is not closed at the end of the run.
static std::string recovery(const BreakerScenario &scenario, const BreakerResult &result) {
  if (result.recoveredAfterMs < 0)
    return "not by +" + formatDuration(scenario.afterMs);
  return "+" + formatDuration(std::round(result.recoveredAfterMs / 100) * 100);
}

/// Notes from the export, once: variants share the notes of the policy they came from.
static std::string notesText(const std::vector<BreakerResult> &results) {
  std::string out;
  std::vector<std::string> seen;
  for (const BreakerResult &result : results)
    for (const std::string &note : result.policy.notes)
      if (std::find(seen.begin(), seen.end(), note) == seen.end()) {
        seen.push_back(note);
        out += "  note: " + note + "\n";
      }
  return out;
}

std::string breakerText(const BreakerScenario &scenario, const std::vector<BreakerResult> &results) {
  std::string out = "retrylint simulate: breaker\n";
  out += formatText("  %d callers x %g request/s share one breaker (healthy: %g calls per %s bucket); "
                    "every call answers after %s;\n  the dependency is down for %s, then its capacity "
                    "rises from 0 to the healthy load over %s; seed %llu\n\n",
                    scenario.callers, scenario.requestsPerSecond,
                    results.empty() ? 0.0 : results.front().healthyPerBucket,
                    formatDuration(scenario.bucketMs).c_str(), formatDuration(scenario.latencyMs).c_str(),
                    formatDuration(scenario.outageMs).c_str(), formatDuration(scenario.rampMs).c_str(),
                    static_cast<unsigned long long>(scenario.seed));
  size_t width = 6;
  for (const BreakerResult &result : results)
    width = std::max(width, result.label.size());
  for (const BreakerResult &result : results)
    out += formatText("  %-*s  %s\n", int(width), result.label.c_str(), describe(result.policy).c_str());
  out += notesText(results);
  out += formatText("\n  %-*s  %10s  %15s  %13s  %10s  %10s  %8s  %7s  %10s\n", int(width), "policy",
                    "half-opens", "half-open calls", "largest burst", "calls down", "calls ramp",
                    "overload", "served", "recovered");
  for (const BreakerResult &result : results)
    out += formatText("  %-*s  %10zu  %15llu  %13llu  %10llu  %10llu  %8llu  %6.1f%%  %10s\n", int(width),
                      result.label.c_str(), result.halfOpenWindows.size(),
                      static_cast<unsigned long long>(result.halfOpenCalls),
                      static_cast<unsigned long long>(result.largestHalfOpenBurst),
                      static_cast<unsigned long long>(result.callsWhileDown),
                      static_cast<unsigned long long>(result.callsWhileRecovering),
                      static_cast<unsigned long long>(result.overloaded), 100 * result.servedShareAfterOutage,
                      recovery(scenario, result).c_str());
  out += "\n";
  for (const BreakerResult &result : results) {
    std::string windows;
    for (size_t i = 0; i < result.halfOpenWindows.size() && i < 6; ++i)
      windows += formatText(" +%s (%llu)",
                            formatDuration(std::round(result.halfOpenWindows[i].startMs / 10) * 10).c_str(),
                            static_cast<unsigned long long>(result.halfOpenWindows[i].admitted));
    if (result.halfOpenWindows.size() > 6)
      windows += " ...";
    out += "  " + result.label + ": " +
           (windows.empty() ? "never half-open" : "half-open at" + windows + " (calls admitted)") + "\n";
  }
  out += "\n  half-opens: visits of the half-open state; half-open calls: calls admitted in them;\n"
         "  largest burst: calls admitted in one visit;\n"
         "  calls down / ramp: calls the dependency received while down / while its capacity rose;\n"
         "  overload: calls that failed as the load exceeded its capacity; served: requests served\n"
         "  after the outage; recovered: when the breaker closed for good, after the outage's end\n";
  if (results.size() >= 2) {
    const BreakerResult &first = results.front();
    out += "\n  what each fix buys against " + first.label + " (the same seeded load):\n";
    for (size_t i = 1; i < results.size(); ++i)
      out += formatText("    %-*s  half-open calls %llu -> %llu; calls while down %llu -> %llu; "
                        "recovered %s -> %s\n",
                        int(width), results[i].label.c_str(),
                        static_cast<unsigned long long>(first.halfOpenCalls),
                        static_cast<unsigned long long>(results[i].halfOpenCalls),
                        static_cast<unsigned long long>(first.callsWhileDown),
                        static_cast<unsigned long long>(results[i].callsWhileDown),
                        recovery(scenario, first).c_str(), recovery(scenario, results[i]).c_str());
  }
  return out;
}

nlohmann::ordered_json breakerJson(const BreakerScenario &scenario,
                                   const std::vector<BreakerResult> &results) {
  nlohmann::ordered_json out;
  out["scenario"] = "breaker";
  out["parameters"] = {{"clients", scenario.callers},
                       {"requests_per_second", scenario.requestsPerSecond},
                       {"warmup_ms", scenario.warmupMs},
                       {"outage_ms", scenario.outageMs},
                       {"ramp_ms", scenario.rampMs},
                       {"after_ms", scenario.afterMs},
                       {"latency_ms", scenario.latencyMs},
                       {"bucket_ms", scenario.bucketMs},
                       {"seed", scenario.seed}};
  out["results"] = nlohmann::ordered_json::array();
  for (const BreakerResult &result : results) {
    nlohmann::ordered_json windows = nlohmann::ordered_json::array();
    for (const HalfOpenWindow &window : result.halfOpenWindows)
      windows.push_back({{"start_ms", window.startMs}, {"admitted", window.admitted}});
    out["results"].push_back(
        {{"label", result.label},
         {"policy", policyToJson(result.policy)},
         {"half_open_windows", windows},
         {"half_open_calls", result.halfOpenCalls},
         {"largest_half_open_burst", result.largestHalfOpenBurst},
         {"calls_while_down", result.callsWhileDown},
         {"calls_while_recovering", result.callsWhileRecovering},
         {"overloaded", result.overloaded},
         {"served_share_after_outage", result.servedShareAfterOutage},
         {"recovered_after_ms", result.recoveredAfterMs < 0 ? nlohmann::ordered_json(nullptr)
                                                            : nlohmann::ordered_json(result.recoveredAfterMs)},
         {"totals",
          {{"requests", result.requests}, {"calls", result.calls}, {"served", result.served},
           {"failed_fast", result.failedFast}}},
         {"series",
          {{"start_ms", result.startMs}, {"bucket_ms", result.bucketMs},
           {"healthy_per_bucket", result.healthyPerBucket}, {"calls", result.callsPerBucket},
           {"served", result.servedPerBucket}}}});
  }
  return out;
}

/// Per-bucket counts summed over `group` buckets, over the healthy load of as many: a ratio.
static ChartSeries groupedSeries(const BreakerResult &result, const std::vector<uint32_t> &counts,
                                 size_t group, const std::string &label) {
  ChartSeries series{label, {}};
  for (size_t b = 0; b + group <= counts.size(); b += group) {
    double sum = 0;
    for (size_t k = b; k < b + group; ++k)
      sum += counts[k];
    series.points.emplace_back((result.startMs + b * result.bucketMs) / 1000,
                               sum / (group * result.healthyPerBucket));
  }
  return series;
}

std::vector<LineChart> breakerCharts(const BreakerScenario &scenario,
                                     const std::vector<BreakerResult> &results) {
  std::string title = "Load on the recovering dependency";
  if (!results.empty()) {
    const BreakerResult &first = results.front(), &last = results.back();
    title = formatText("%llu calls admitted while half-open, at most %llu at once",
                       static_cast<unsigned long long>(first.halfOpenCalls),
                       static_cast<unsigned long long>(first.largestHalfOpenBurst));
    if (results.size() >= 2)
      title = formatText("Calls admitted while half-open %llu \u2192 %llu, at most %llu \u2192 %llu at once "
                         "(%s \u2192 %s)",
                         static_cast<unsigned long long>(first.halfOpenCalls),
                         static_cast<unsigned long long>(last.halfOpenCalls),
                         static_cast<unsigned long long>(first.largestHalfOpenBurst),
                         static_cast<unsigned long long>(last.largestHalfOpenBurst), first.label.c_str(),
                         last.label.c_str());
  }
  const std::string bucket = formatDuration(scenario.bucketMs);
  LineChart load{title, "time since the dependency went down (s)",
                 "load (calls per " + bucket + " \u00f7 healthy)", {}, {}, 0, AxisScale::Log};
  load.markers = {{0, "down"}, {scenario.outageMs / 1000, "recovering"},
                  {(scenario.outageMs + scenario.rampMs) / 1000, "recovered"}};
  for (const BreakerResult &result : results)
    load.series.push_back(groupedSeries(result, result.callsPerBucket, 1, result.label));
  ChartSeries capacity{"capacity of the dependency", {}, true};
  // From its first step: a log axis has no zero. It is unlimited once the ramp ends.
  for (int step = 1; step <= 50; ++step) {
    const double at = scenario.outageMs + scenario.rampMs * step / 50;
    capacity.points.emplace_back(at / 1000, breakerCapacityPerBucket(scenario, at - 1e-9) /
                                                (results.empty() ? 1 : results.front().healthyPerBucket));
  }
  if (scenario.rampMs > 0)
    load.series.push_back(capacity);

  const size_t group = std::max<size_t>(1, static_cast<size_t>(std::round(500 / scenario.bucketMs)));
  std::string recoveredTitle = "Requests served";
  if (results.size() >= 2)
    recoveredTitle = "Requests served: the breaker closed for good " + recovery(scenario, results.front()) +
                     " \u2192 " + recovery(scenario, results.back()) + " after the outage";
  LineChart served{recoveredTitle, "time since the dependency went down (s)",
                   "served (requests per " + formatDuration(group * scenario.bucketMs) + " \u00f7 healthy)",
                   {}, {}, 1, AxisScale::Linear};
  served.markers = load.markers;
  for (const BreakerResult &result : results)
    served.series.push_back(groupedSeries(result, result.servedPerBucket, group, result.label));
  return {load, served};
}

} // namespace retrylint::sim
