#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/PolicyInput.h"
#include "retrylint/sim/Report.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace retrylint::sim {

std::string formatText(const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  char buffer[1024];
  std::vsnprintf(buffer, sizeof buffer, format, arguments);
  va_end(arguments);
  return buffer;
}

/// "+100ms", "+1.5s": offsets from the moment the failures start.
static std::string offset(double ms) { return (ms >= 0 ? "+" : "") + formatDuration(ms); }

/// The closed forms a policy's run should match, in words.
static std::string expectedBounds(const RetryPolicy &policy) {
  std::string text;
  const std::vector<int> layers = policy.layerAttempts();
  if (layers.size() > 1) {
    for (size_t i = 0; i < layers.size(); ++i)
      text += (i ? " x " : "") + std::to_string(layers[i]);
    text += " = " + std::to_string(policy.callsPerFailedRequest()) + " calls per failed request";
  }
  if (policy.budget.enabled) {
    const double bound = 1 + policy.budget.creditPerRequest / policy.budget.costPerRetry;
    text += (text.empty() ? "" : "; ") +
            formatText("budget bounds calls per request at 1 + %.3g/%.3g = %.2fx", policy.budget.creditPerRequest,
                       policy.budget.costPerRetry, bound);
  }
  return text;
}

std::string outageText(const OutageScenario &scenario, const std::vector<OutageResult> &results) {
  std::string out = "retrylint simulate: outage\n";
  const std::string stall =
      scenario.stallMs > 0 ? "calls hang for " + formatDuration(scenario.stallMs) + ", " : "calls ";
  out += formatText("  %d clients x %g request/s (healthy: %g calls per %s bucket); %sfail for %s, "
                    "then the dependency recovers%s; seed %llu\n\n",
                    scenario.clients, scenario.requestsPerSecond,
                    results.empty() ? 0.0 : results.front().healthyPerBucket,
                    formatDuration(scenario.bucketMs).c_str(), stall.c_str(),
                    formatDuration(scenario.outageMs).c_str(),
                    scenario.capacity > 0 ? formatText(" up to %gx the healthy rate", scenario.capacity).c_str()
                                          : "",
                    static_cast<unsigned long long>(scenario.seed));
  size_t width = 6;
  for (const OutageResult &result : results)
    width = std::max(width, result.label.size());
  for (const OutageResult &result : results)
    out += formatText("  %-*s  %s\n", int(width), result.label.c_str(), describe(result.policy).c_str());
  out += formatText("\n  %-*s  %12s  %8s  %13s  %12s  %11s  %8s\n", int(width), "policy", "peak/healthy",
                    "peak at", "calls/request", "calls/failed", "retry share", "drain");
  for (const OutageResult &result : results)
    out += formatText("  %-*s  %11.2fx  %8s  %13.2f  %12s  %10.1f%%  %8s\n", int(width),
                      result.label.c_str(), result.peakRatio, offset(result.peakAtMs).c_str(),
                      result.amplification,
                      result.failedRequests ? formatText("%.2f", result.callsPerFailedRequest).c_str() : "-",
                      100 * result.retryShare,
                      result.drainMs < 0 ? ("> " + formatDuration(scenario.afterMs)).c_str()
                                         : formatDuration(result.drainMs).c_str());
  out += "\n";
  for (const OutageResult &result : results) {
    std::string spikes;
    for (size_t i = 0; i < result.spikes.size() && i < 8; ++i)
      spikes += " " + offset(result.spikes[i].startMs) + formatText(" (%.0fx)", result.spikes[i].peakRatio);
    if (result.spikes.size() > 8)
      spikes += " ...";
    out += "  " + result.label + ": " +
           (spikes.empty() ? "no spike (no bucket reaches 3x the healthy load)" : "spikes at" + spikes) + "\n";
    if (result.policy.jitter == JitterKind::None && result.policy.layers.size() <= 1) {
      std::string predicted;
      for (double at : unjitteredRetryOffsetsMs(result.policy, scenario.latencyMs))
        predicted += " " + offset(at);
      out += "    un-jittered sleeps predict retries in step at" + predicted + " (sums of the sleeps)\n";
    }
    const std::string bounds = expectedBounds(result.policy);
    if (!bounds.empty())
      out += "    expected: " + bounds + "\n";
    if (result.budgetDenials)
      out += formatText("    the budget refused %llu retries\n", static_cast<unsigned long long>(result.budgetDenials));
  }
  if (results.size() == 2 && results[1].peakRatio > 0)
    out += formatText("\n  peak %s -> %s: %.2fx -> %.2fx the healthy load (%.1f times lower)\n",
                      results[0].label.c_str(), results[1].label.c_str(), results[0].peakRatio,
                      results[1].peakRatio, results[0].peakRatio / results[1].peakRatio);
  return out;
}

nlohmann::ordered_json outageJson(const OutageScenario &scenario,
                                  const std::vector<OutageResult> &results) {
  nlohmann::ordered_json out;
  out["scenario"] = "outage";
  out["parameters"] = {{"clients", scenario.clients},
                       {"requests_per_second", scenario.requestsPerSecond},
                       {"warmup_ms", scenario.warmupMs},
                       {"stall_ms", scenario.stallMs},
                       {"outage_ms", scenario.outageMs},
                       {"after_ms", scenario.afterMs},
                       {"latency_ms", scenario.latencyMs},
                       {"capacity", scenario.capacity},
                       {"bucket_ms", scenario.bucketMs},
                       {"seed", scenario.seed}};
  out["results"] = nlohmann::ordered_json::array();
  for (const OutageResult &result : results) {
    nlohmann::ordered_json spikes = nlohmann::ordered_json::array();
    for (const LoadSpike &spike : result.spikes)
      spikes.push_back({{"start_ms", spike.startMs}, {"width_ms", spike.widthMs},
                        {"peak_ratio", spike.peakRatio}});
    out["results"].push_back(
        {{"label", result.label},
         {"policy", policyToJson(result.policy)},
         {"peak_ratio", result.peakRatio},
         {"peak_at_ms", result.peakAtMs},
         {"calls_per_request", result.amplification},
         {"calls_per_failed_request", result.callsPerFailedRequest},
         {"retry_share", result.retryShare},
         {"drain_ms", result.drainMs < 0 ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json(result.drainMs)},
         {"spikes", spikes},
         {"totals",
          {{"requests", result.requests}, {"calls", result.calls}, {"retries", result.retries},
           {"affected_requests", result.affectedRequests}, {"affected_calls", result.affectedCalls},
           {"failed_requests", result.failedRequests}, {"failed_calls", result.failedCalls},
           {"budget_denials", result.budgetDenials}, {"in_flight_at_end", result.inFlightAtEnd}}},
         {"series",
          {{"start_ms", result.startMs}, {"bucket_ms", result.bucketMs},
           {"healthy_per_bucket", result.healthyPerBucket}, {"calls", result.callsPerBucket},
           {"retries", result.retriesPerBucket}}}});
  }
  return out;
}

/// Calls per bucket over the healthy bucket, for buckets starting in [fromMs, toMs).
static ChartSeries loadSeries(const OutageResult &result, double fromMs, double toMs) {
  ChartSeries series{result.label, {}};
  for (size_t b = 0; b < result.callsPerBucket.size(); ++b) {
    const double at = result.startMs + b * result.bucketMs;
    if (at >= fromMs && at < toMs)
      series.points.emplace_back(at / 1000, result.callsPerBucket[b] / result.healthyPerBucket);
  }
  return series;
}

std::vector<LineChart> outageCharts(const OutageScenario &scenario,
                                    const std::vector<OutageResult> &results) {
  const std::string yLabel = "calls per " + formatDuration(scenario.bucketMs) + " / healthy";
  LineChart whole{"Load on the failing dependency", "time (s), failures start at 0", yLabel, {}, {}, 1};
  whole.markers = {{0, "failures start"}, {scenario.outageMs / 1000, "recovers"}};
  // The zoom covers the first retries: the un-jittered offsets of the slowest policy.
  double zoomMs = 2000;
  for (const OutageResult &result : results) {
    const std::vector<double> offsets = unjitteredRetryOffsetsMs(result.policy, scenario.latencyMs);
    if (!offsets.empty())
      zoomMs = std::max(zoomMs, 1.2 * offsets.back());
  }
  zoomMs = std::min({zoomMs, 10000.0, scenario.outageMs + scenario.afterMs});
  LineChart zoom{"The first " + formatDuration(zoomMs) + " of failure", "time (s)", yLabel, {}, {}, 1};
  zoom.markers = {{0, "failures start"}};
  for (const OutageResult &result : results) {
    whole.series.push_back(loadSeries(result, result.startMs, scenario.outageMs + scenario.afterMs));
    zoom.series.push_back(loadSeries(result, -0.1 * zoomMs, zoomMs));
  }
  return {whole, zoom};
}

} // namespace retrylint::sim
