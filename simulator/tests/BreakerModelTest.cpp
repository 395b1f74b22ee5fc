// Classic incident 4 replayed: N callers share one breaker in front of a dependency that
// goes down and recovers slowly; a half-open flood against a single probe.
#include "retrylint/sim/BreakerModel.h"
#include "retrylint/sim/Report.h"

#include <gtest/gtest.h>

namespace retrylint::sim {
namespace {

/// 200 callers x 10 requests/s: 2000 calls/s, 20 per 10 ms bucket; answers after 100 ms.
BreakerScenario smallService() {
  BreakerScenario scenario;
  scenario.callers = 200;
  scenario.outageMs = 12000;
  scenario.rampMs = 8000;
  scenario.afterMs = 20000;
  return scenario;
}

RetryPolicy breaker(int halfOpenLimit) {
  RetryPolicy policy;
  policy.attempts = 1;
  policy.breaker.enabled = true;
  policy.breaker.halfOpenLimit = halfOpenLimit;
  return policy;
}

TEST(BreakerModelTest, AFloodAdmitsEveryCallerUntilTheFirstAnswer) {
  const BreakerResult flood = simulateBreaker(breaker(0), smallService());
  ASSERT_GE(flood.halfOpenWindows.size(), 2u);
  // While down, a visit lasts one answer's latency: 2000 calls/s x 100 ms = 200 callers.
  EXPECT_NEAR(flood.halfOpenWindows[0].admitted, 200, 2);
  // The first visit follows the trip (5 failures answered at +100 ms) by the 5 s cooldown.
  EXPECT_NEAR(flood.halfOpenWindows[0].startMs, 5100, 5);
  EXPECT_EQ(flood.largestHalfOpenBurst, flood.halfOpenWindows[0].admitted);
}

TEST(BreakerModelTest, ASingleProbeAdmitsOneCallerPerVisit) {
  const BreakerResult probe = simulateBreaker(breaker(1), smallService());
  ASSERT_GE(probe.halfOpenWindows.size(), 2u);
  for (const HalfOpenWindow &window : probe.halfOpenWindows)
    EXPECT_EQ(window.admitted, 1u);
  EXPECT_EQ(probe.halfOpenCalls, probe.halfOpenWindows.size());
  // A limit of 3 admits 3 at once.
  EXPECT_EQ(simulateBreaker(breaker(3), smallService()).largestHalfOpenBurst, 3u);
}

TEST(BreakerModelTest, TheDownDependencySeesTheFloodNotTheProbe) {
  const BreakerResult flood = simulateBreaker(breaker(0), smallService());
  const BreakerResult probe = simulateBreaker(breaker(1), smallService());
  // Both send the 100 ms of traffic before the trip (200 calls); then the flood sends one
  // latency's worth per visit, the probe one call.
  EXPECT_NEAR(probe.callsWhileDown, 200 + 2, 8);
  EXPECT_NEAR(flood.callsWhileDown, 200 + 2 * 200, 12);
  EXPECT_GT(flood.halfOpenCalls, 100 * probe.halfOpenCalls);
}

TEST(BreakerModelTest, BothRecoverOnceTheCapacityHoldsTheLoad) {
  const BreakerScenario scenario = smallService();
  for (int limit : {0, 1}) {
    const BreakerResult result = simulateBreaker(breaker(limit), scenario);
    // Over capacity every call fails, so the breaker stays closed only after the ramp ends,
    // at the first visit of half-open after it: within one cooldown and two answers.
    EXPECT_GE(result.recoveredAfterMs, scenario.rampMs) << limit;
    EXPECT_LE(result.recoveredAfterMs, scenario.rampMs + 5000 + 200) << limit;
    EXPECT_GT(result.overloaded, 0u) << limit; // the closes during the ramp met a full load
    EXPECT_EQ(result.servedPerBucket.back(), 20u) << limit; // healthy again at the end
  }
}

TEST(BreakerModelTest, SameSeedSameRun) {
  const BreakerResult first = simulateBreaker(breaker(0), smallService());
  const BreakerResult second = simulateBreaker(breaker(0), smallService());
  EXPECT_EQ(first.callsPerBucket, second.callsPerBucket);
  EXPECT_EQ(first.servedPerBucket, second.servedPerBucket);
  BreakerScenario other = smallService();
  other.seed = 2;
  // Stratified phases keep the bucket counts; the arrival instants move.
  EXPECT_NE(simulateBreaker(breaker(0), other).halfOpenWindows[0].startMs, first.halfOpenWindows[0].startMs);
}

TEST(BreakerModelTest, ReportStatesWhatTheProbeBuys) {
  const BreakerScenario scenario = smallService();
  RetryPolicy flood = breaker(0), probe = breaker(1);
  flood.name = "as written";
  probe.name = "single probe";
  const std::vector<BreakerResult> results = {simulateBreaker(flood, scenario),
                                              simulateBreaker(probe, scenario)};
  const std::string text = breakerText(scenario, results);
  EXPECT_NE(text.find("half-open admits every caller"), std::string::npos) << text;
  EXPECT_NE(text.find("single probe  half-open calls 800 -> 4; calls while down 604 -> 206"), std::string::npos) << text;
  const std::vector<LineChart> charts = breakerCharts(scenario, results);
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0].title.rfind("Calls admitted while half-open", 0), 0u) << charts[0].title;
  EXPECT_EQ(charts[0].series.back().label, "capacity of the dependency");
  EXPECT_TRUE(charts[0].series.back().reference);
  const auto json = nlohmann::json::parse(breakerJson(scenario, results).dump());
  EXPECT_EQ(json["results"][1]["largest_half_open_burst"], 1);
  EXPECT_EQ(json["results"][0]["policy"]["breaker"]["half_open_limit"], nullptr);
}

TEST(BreakerModelTest, ScenarioValidation) {
  BreakerScenario scenario;
  std::string error;
  EXPECT_TRUE(validateScenario(scenario, error));
  scenario.callers = 0;
  EXPECT_FALSE(validateScenario(scenario, error));
}

} // namespace
} // namespace retrylint::sim
