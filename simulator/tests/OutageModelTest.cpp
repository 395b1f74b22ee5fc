#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/OutageModel.h"

#include <gtest/gtest.h>

#include <cmath>

namespace retrylint::sim {
namespace {

/// 1000 clients at 1 request/s: 10 calls per healthy 10 ms bucket, a herd of 1000.
OutageScenario smallFleet() {
  OutageScenario scenario;
  scenario.clients = 1000;
  scenario.outageMs = 5000;
  scenario.afterMs = 3000;
  return scenario;
}

RetryPolicy incident1() {
  RetryPolicy policy;
  policy.attempts = 5;
  policy.baseMs = 100;
  policy.multiplier = 2;
  return policy;
}

TEST(OutageModelTest, UnjitteredHerdSpikesAtBaseTimesTwoToTheKMinusOne) {
  const OutageResult result = simulateOutage(incident1(), smallFleet());
  ASSERT_EQ(result.spikes.size(), 4u);
  for (size_t k = 1; k <= 4; ++k) {
    EXPECT_EQ(result.spikes[k - 1].startMs, 100 * (std::pow(2, k) - 1)) << "retry " << k;
    EXPECT_EQ(result.spikes[k - 1].widthMs, 10); // the whole herd in one bucket
    EXPECT_GE(result.spikes[k - 1].peakRatio, 1000 / result.healthyPerBucket);
  }
  EXPECT_GE(result.peakRatio, 100); // 1000 herd retries over 10 healthy calls
}

TEST(OutageModelTest, FullJitterSpreadsTheHerd) {
  RetryPolicy jittered = incident1();
  jittered.jitter = JitterKind::Full;
  const OutageResult plain = simulateOutage(incident1(), smallFleet());
  const OutageResult spread = simulateOutage(jittered, smallFleet());
  // Retry 1 of the herd spreads over 100 ms = 10 buckets, so the peak falls ~10x.
  EXPECT_LT(spread.peakRatio, plain.peakRatio / 5);
  for (const LoadSpike &spike : spread.spikes)
    EXPECT_NE(spike.startMs, 1500); // no spike survives at the un-jittered offsets
  // Jitter moves retries in time, it does not remove them.
  EXPECT_NEAR(spread.amplification, plain.amplification, 0.05 * plain.amplification);
}

TEST(OutageModelTest, BudgetBoundsCallsPerRequestNearOnePointOne) {
  RetryPolicy budgeted = incident1();
  budgeted.budget.enabled = true; // +0.1 per request, 1 per retry
  OutageScenario scenario = smallFleet();
  scenario.outageMs = 30000;
  scenario.stallMs = 0; // no herd: the steady state the budget arithmetic describes
  scenario.uptimeMs = 0; // and no tokens banked before
  const OutageResult result = simulateOutage(budgeted, scenario);
  EXPECT_NEAR(result.amplification, 1.1, 0.02);
  // Closed form: a client can never retry more than it was credited.
  EXPECT_LE(result.retries, 0.1 * result.requests + 1e-9);
  EXPECT_GT(result.budgetDenials, 0u);
  const OutageResult unbudgeted = simulateOutage(incident1(), scenario);
  EXPECT_GT(unbudgeted.amplification, 4.5); // five attempts nearly every time
}

/// Classic incident 2: three jittered attempts and a 10% token bucket with no maximum.
RetryPolicy incident2() {
  RetryPolicy policy;
  policy.attempts = 3;
  policy.baseMs = 100;
  policy.capMs = 200;
  policy.jitter = JitterKind::Full;
  policy.budget.enabled = true;
  return policy;
}

TEST(OutageModelTest, UncappedBudgetBanksHealthyHoursIntoTheOutage) {
  OutageScenario scenario = smallFleet();
  scenario.outageMs = 30000;
  // An hour at 1 request/s banks 360 tokens: a 30 s outage never drains them, so the budget
  // allows every retry and the load sits at the attempts, 3x, as if there were no budget.
  const OutageResult uncapped = simulateOutage(incident2(), scenario);
  EXPECT_NEAR(uncapped.steadyRatio, 3, 0.05);
  EXPECT_EQ(uncapped.budgetDenials, 0u);
  // The fix: a maximum of 10 tokens. Once they are spent, the steady load is 1 + r/c = 1.1x.
  RetryPolicy capped = incident2();
  capped.budget.maxTokens = 10;
  const OutageResult bounded = simulateOutage(capped, scenario);
  EXPECT_NEAR(bounded.steadyRatio, 1.1, 0.02);
  // With no uptime before the run there is nothing to bank: the bucket without a maximum
  // behaves like the capped one, which is why the default is an hour.
  scenario.uptimeMs = 0;
  EXPECT_NEAR(simulateOutage(incident2(), scenario).steadyRatio, 1.1, 0.02);
}

TEST(OutageModelTest, SteadyLoadIsTheAttemptsWithoutABudget) {
  OutageScenario scenario = smallFleet();
  scenario.outageMs = 10000;
  EXPECT_NEAR(simulateOutage(incident1(), scenario).steadyRatio, 5, 0.01); // 5 calls per request
}

TEST(OutageModelTest, NestedLayersMultiply) {
  RetryPolicy nested = incident1();
  nested.layers = {3, 3, 3};
  OutageScenario scenario = smallFleet();
  scenario.clients = 200;
  const OutageResult result = simulateOutage(nested, scenario);
  ASSERT_GT(result.failedRequests, 0u);
  EXPECT_DOUBLE_EQ(result.callsPerFailedRequest, 27); // 3^3, for every failed request
  nested.layers = {2, 2, 2, 2};
  EXPECT_DOUBLE_EQ(simulateOutage(nested, scenario).callsPerFailedRequest, 16);
  RetryPolicy fixed = fixedVariant(nested);
  fixed.budget.enabled = false;
  EXPECT_DOUBLE_EQ(simulateOutage(fixed, scenario).callsPerFailedRequest, 2); // one layer
}

TEST(OutageModelTest, SameSeedSameRunOtherSeedOtherRun) {
  RetryPolicy jittered = incident1();
  jittered.jitter = JitterKind::Decorrelated;
  OutageScenario scenario = smallFleet();
  const OutageResult first = simulateOutage(jittered, scenario);
  const OutageResult second = simulateOutage(jittered, scenario);
  EXPECT_EQ(first.callsPerBucket, second.callsPerBucket);
  EXPECT_EQ(first.retriesPerBucket, second.retriesPerBucket);
  scenario.seed = 2;
  EXPECT_NE(simulateOutage(jittered, scenario).callsPerBucket, first.callsPerBucket);
}

TEST(OutageModelTest, HealthyLoadIsFlatAndCounted) {
  const OutageResult result = simulateOutage(incident1(), smallFleet());
  EXPECT_EQ(result.healthyPerBucket, 10);
  // The first healthy second: every bucket holds 9 to 11 calls thanks to stratified phases.
  for (size_t b = 0; b < 100; ++b) {
    EXPECT_GE(result.callsPerBucket[b], 9u) << b;
    EXPECT_LE(result.callsPerBucket[b], 11u) << b;
  }
  EXPECT_EQ(result.requests, 1000u * 10); // 10 s of 1 request/s from 1000 clients
}

TEST(OutageModelTest, UnlimitedRecoveryDrainsWithinTheLastSleeps) {
  const OutageResult result = simulateOutage(incident1(), smallFleet());
  EXPECT_EQ(result.inFlightAtEnd, 0u);
  EXPECT_GT(result.drainMs, 0);
  EXPECT_LE(result.drainMs, 1500 + 10); // the longest chain left at recovery: all four sleeps
  EXPECT_GT(result.retryShare, 0.7);    // 4 of 5 calls are retries while it is down
}

TEST(OutageModelTest, RetryLoadAboveCapacityHoldsTheDependencyDown) {
  OutageScenario scenario = smallFleet();
  scenario.capacity = 2; // retries keep the load near 5x: it never comes back
  const OutageResult stuck = simulateOutage(incident1(), scenario);
  EXPECT_LT(stuck.drainMs, 0);
  EXPECT_GT(stuck.inFlightAtEnd, 0u);
  const OutageResult fixed = simulateOutage(fixedVariant(incident1()), scenario);
  EXPECT_GE(fixed.drainMs, 0); // the budget keeps the load near 1.1x, under capacity
}

TEST(OutageModelTest, ScenarioValidation) {
  OutageScenario scenario;
  std::string error;
  EXPECT_TRUE(validateScenario(scenario, error));
  scenario.stallMs = scenario.warmupMs + 1;
  EXPECT_FALSE(validateScenario(scenario, error));
  scenario = OutageScenario{};
  scenario.clients = 0;
  EXPECT_FALSE(validateScenario(scenario, error));
}

} // namespace
} // namespace retrylint::sim
