#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/PolicyInput.h"
#include "retrylint/sim/Report.h"

#include <algorithm>
#include <cmath>
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

/// "105.00x -> 3.24x (32.4 times lower)": a metric before and after a fix.
static std::string change(double before, double after, const char *unit) {
  std::string text = formatText(*unit ? "%.1f%s -> %.1f%s" : "%.2f%s -> %.2f%s", before, unit, after, unit);
  if (after > 0 && before / after >= 1.05)
    return text + formatText(" (%.1fx lower)", before / after);
  if (before > 0 && after / before >= 1.05)
    return text + formatText(" (%.1fx higher)", after / before);
  return text + " (same)";
}

/// "105x", "3.2x", "1.1x": a load ratio for a title.
static std::string ratio(double value) {
  return formatText(value >= 10 ? "%.0f\u00d7" : "%.1f\u00d7", value);
}

/// The notes a policy file carries from the export: what the analyzer could not see.
static std::string notesText(const std::vector<OutageResult> &results) {
  std::string out;
  std::vector<std::string> seen; // variants share the notes of the policy they came from
  for (const OutageResult &result : results)
    for (const std::string &note : result.policy.notes)
      if (std::find(seen.begin(), seen.end(), note) == seen.end()) {
        seen.push_back(note);
        out += "  note: " + note + "\n";
      }
  return out;
}

/// The closed forms a policy's run should match, in words.
static std::string expectedBounds(const RetryPolicy &policy, const OutageScenario &scenario) {
  std::string text;
  const std::vector<int> layers = policy.layerAttempts();
  if (layers.size() > 1) {
    for (size_t i = 0; i < layers.size(); ++i)
      text += (i ? " x " : "") + std::to_string(layers[i]);
    text += " = " + std::to_string(policy.callsPerFailedRequest()) + " calls per failed request";
  }
  if (policy.budget.enabled) {
    const RetryBudget &budget = policy.budget;
    const double bound = 1 + budget.creditPerRequest / budget.costPerRetry;
    double banked = budget.initialTokens +
                    scenario.uptimeMs / 1000 * scenario.requestsPerSecond * budget.creditPerRequest;
    if (budget.maxTokens > 0)
      banked = std::min(banked, budget.maxTokens);
    text += (text.empty() ? "" : "; ") +
            formatText("budget bounds the steady load at 1 + %.3g/%.3g = %.2fx", budget.creditPerRequest,
                       budget.costPerRetry, bound);
    if (banked >= budget.costPerRetry)
      text += formatText(" once the %.0f tokens it banked%s are spent", banked,
                         budget.maxTokens > 0 ? "" : (" over " + formatDuration(scenario.uptimeMs) +
                                                      " of uptime (it has no maximum)").c_str());
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
  out += notesText(results);
  out += formatText("\n  %-*s  %12s  %8s  %8s  %13s  %12s  %11s  %8s\n", int(width), "policy",
                    "peak/healthy", "peak at", "steady", "calls/request", "calls/failed", "retry share",
                    "drain");
  for (const OutageResult &result : results)
    out += formatText("  %-*s  %11.2fx  %8s  %7.2fx  %13.2f  %12s  %10.1f%%  %8s\n", int(width),
                      result.label.c_str(), result.peakRatio, offset(result.peakAtMs).c_str(),
                      result.steadyRatio, result.amplification,
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
    const std::string bounds = expectedBounds(result.policy, scenario);
    if (!bounds.empty())
      out += "    expected: " + bounds + "\n";
    if (result.budgetDenials)
      out += formatText("    the budget refused %llu retries\n", static_cast<unsigned long long>(result.budgetDenials));
  }
  if (results.size() >= 2) {
    out += "\n  what each fix buys against " + results[0].label + " (the same seeded load):\n";
    for (size_t i = 1; i < results.size(); ++i)
      out += formatText("    %-*s  peak %s, steady %s, calls/request %s\n", int(width),
                        results[i].label.c_str(),
                        change(results[0].peakRatio, results[i].peakRatio, "x").c_str(),
                        change(results[0].steadyRatio, results[i].steadyRatio, "x").c_str(),
                        change(results[0].amplification, results[i].amplification, "").c_str());
  }
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
         {"steady_ratio", result.steadyRatio},
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
  const std::string yLabel = "load (calls per " + formatDuration(scenario.bucketMs) + " \u00f7 healthy)";
  std::string title = "Load on the failing dependency: peak " + ratio(results.front().peakRatio) +
                      ", steady " + ratio(results.front().steadyRatio) + " the healthy load";
  if (results.size() >= 2)
    title = "Peak load " + ratio(results.front().peakRatio) + " \u2192 " + ratio(results.back().peakRatio) +
            ", steady " + ratio(results.front().steadyRatio) + " \u2192 " + ratio(results.back().steadyRatio) +
            " (" + results.front().label + " \u2192 " + results.back().label + ")";
  LineChart whole{title, "time since the failures start (s)", yLabel, {}, {}, 1};
  whole.markers = {{0, "failures start"}, {scenario.outageMs / 1000, "recovers"}};
  // The zoom covers the first retries (the un-jittered offsets of the slowest policy) and
  // the moment a capped budget has spent what it banked and the load settles.
  double zoomMs = 2000;
  bool inStep = false;
  for (const OutageResult &result : results) {
    const RetryPolicy &policy = result.policy;
    const std::vector<double> offsets = unjitteredRetryOffsetsMs(policy, scenario.latencyMs);
    if (!offsets.empty() && policy.jitter == JitterKind::None && policy.layers.size() <= 1) {
      zoomMs = std::max(zoomMs, 1.2 * offsets.back());
      inStep = true;
    }
    const double retriesPerRequest = static_cast<double>(policy.callsPerFailedRequest() - 1);
    const RetryBudget &budget = policy.budget;
    if (budget.enabled && budget.maxTokens > 0 && retriesPerRequest * budget.costPerRetry > budget.creditPerRequest)
      zoomMs = std::max(zoomMs, 1.2 * 1000 / scenario.requestsPerSecond * budget.maxTokens /
                                    (retriesPerRequest * budget.costPerRetry - budget.creditPerRequest));
  }
  zoomMs = std::min({std::ceil(zoomMs / 1000) * 1000, 10000.0, scenario.outageMs + scenario.afterMs});
  LineChart zoom{"The first " + formatDuration(zoomMs) + " of failure" +
                     (inStep ? ", where un-jittered retries arrive in step" : ""),
                 "time since the failures start (s)", yLabel, {}, {}, 1};
  zoom.markers = {{0, "failures start"}};
  for (const OutageResult &result : results) {
    whole.series.push_back(loadSeries(result, result.startMs, scenario.outageMs + scenario.afterMs));
    zoom.series.push_back(loadSeries(result, -0.1 * zoomMs, zoomMs));
  }
  return {whole, zoom};
}

} // namespace retrylint::sim
