#include "retrylint/sim/Report.h"

#include <gtest/gtest.h>

namespace retrylint::sim {
namespace {

struct IncidentOneCompared {
  OutageScenario scenario;
  std::vector<OutageResult> results;
  IncidentOneCompared() {
    scenario.clients = 1000;
    scenario.outageMs = 5000;
    scenario.afterMs = 3000;
    RetryPolicy policy; // the defaults are classic incident 1
    policy.name = "as written";
    results = {simulateOutage(policy, scenario)};
    for (const RetryPolicy &variant : fixVariants(policy)) // jitter, budget, all fixes
      results.push_back(simulateOutage(variant, scenario));
  }
};

TEST(ReportTest, OutageTextShowsSpikesPredictionAndPeakCollapse) {
  const IncidentOneCompared run;
  const std::string text = outageText(run.scenario, run.results);
  EXPECT_NE(text.find("as written: spikes at +100ms"), std::string::npos) << text;
  EXPECT_NE(text.find("predict retries in step at +100ms +300ms +700ms +1.5s"), std::string::npos) << text;
  EXPECT_NE(text.find("budget bounds the steady load at 1 + 0.1/1 = 1.10x once the 10 tokens it banked are spent"),
            std::string::npos) << text;
  EXPECT_NE(text.find("what each fix buys against as written"), std::string::npos) << text;
  // Each fix alone: jitter flattens the spikes, the budget the plateau; together, both.
  EXPECT_NE(text.find("jitter only  peak 105.0x -> 17.7x (5.9x lower), steady 5.0x -> 5.0x (same)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("budget only  peak 105.0x -> 104.2x (same), steady 5.0x -> 1.1x (4.5x lower)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("all fixes    peak 105.0x -> 17.7x (5.9x lower), steady 5.0x -> 1.1x (4.5x lower)"),
            std::string::npos) << text;
}

TEST(ReportTest, OutageJsonCarriesMetricsAndSeries) {
  const IncidentOneCompared run;
  const auto json = nlohmann::json::parse(outageJson(run.scenario, run.results).dump());
  ASSERT_EQ(json["results"].size(), 4u);
  const auto &first = json["results"][0];
  EXPECT_EQ(first["label"], "as written");
  EXPECT_EQ(first["policy"]["jitter"], "none");
  EXPECT_EQ(first["spikes"][0]["start_ms"], 100.0);
  EXPECT_GT(first["peak_ratio"].get<double>(), json["results"][1]["peak_ratio"].get<double>());
  EXPECT_EQ(first["series"]["calls"].size(), run.results[0].callsPerBucket.size());
  EXPECT_EQ(json["parameters"]["clients"], 1000);
}

TEST(ReportTest, OutageChartsHaveOneLinePerPolicy) {
  const IncidentOneCompared run;
  const std::vector<LineChart> charts = outageCharts(run.scenario, run.results);
  ASSERT_EQ(charts.size(), 2u); // the whole run and the zoom on the first retries
  for (const LineChart &chart : charts) {
    ASSERT_EQ(chart.series.size(), 4u);
    EXPECT_EQ(chart.series[1].label, "jitter only");
    EXPECT_EQ(chart.series[3].label, "all fixes");
  }
  // The title states the result: the peak and the steady load, as written -> all fixes.
  EXPECT_EQ(charts[0].title.rfind("Peak load 10", 0), 0u) << charts[0].title;
  EXPECT_NE(charts[0].title.find("(as written \u2192 all fixes)"), std::string::npos) << charts[0].title;
  EXPECT_NE(charts[0].yLabel.find("calls per 10ms"), std::string::npos); // the unit
  // The zoom ends after the last un-jittered retry (+1.5 s).
  EXPECT_GT(charts[1].series[0].points.back().first, 1.5);
}

TEST(ReportTest, ContentionTablesListAllFiveStrategies) {
  ContentionScenario scenario;
  scenario.minClients = 10;
  scenario.maxClients = 20;
  scenario.runs = 2;
  const ContentionResult result = simulateContention(scenario);
  const std::string text = contentionText(scenario, result);
  for (ContentionStrategy strategy : allContentionStrategies())
    EXPECT_NE(text.find(toString(strategy)), std::string::npos) << toString(strategy);
  EXPECT_NE(text.find("write calls"), std::string::npos);
  EXPECT_NE(text.find("completion time"), std::string::npos);
  const auto json = nlohmann::json::parse(contentionJson(scenario, result).dump());
  ASSERT_EQ(json["rows"].size(), 2u);
  EXPECT_EQ(json["rows"][1]["clients"], 20);
  EXPECT_EQ(json["rows"][1]["write_calls"].size(), 5u);
  const std::vector<LineChart> charts = contentionCharts(scenario, result);
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0].series.size(), 5u);
}

} // namespace
} // namespace retrylint::sim
