#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/ContentionModel.h"

#include <gtest/gtest.h>

namespace retrylint::sim {
namespace {

TEST(ContentionModelTest, OneClientWritesOnceAfterFourMessages) {
  const ContentionScenario scenario;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const ContentionRun run = runContention(ContentionStrategy::FullJitter, 1, scenario, seed);
    EXPECT_EQ(run.writeCalls, 1u);
    // read there and back, write there and back: four |Normal(10, 2)| messages
    EXPECT_GT(run.completionMs, 4 * 2.0);
    EXPECT_LT(run.completionMs, 4 * 18.0);
  }
}

TEST(ContentionModelTest, EveryClientWinsExactlyOnce) {
  const ContentionScenario scenario;
  for (ContentionStrategy strategy : allContentionStrategies()) {
    const ContentionRun run = runContention(strategy, 50, scenario, 7);
    EXPECT_GE(run.writeCalls, 50u) << toString(strategy); // 50 successes plus the conflicts
    // Without backoff, every loser of a round competes again: far more than N writes.
    if (strategy == ContentionStrategy::NoBackoff) {
      EXPECT_GT(run.writeCalls, 5u * 50);
    }
  }
}

TEST(ContentionModelTest, StudyExponentStartsAtOne) {
  const RetryPolicy policy = contentionPolicy(ContentionStrategy::Exponential, ContentionScenario{});
  EXPECT_EQ(cappedExponentialMs(policy, 1), 10);   // retry 1: base * 2^1
  EXPECT_EQ(cappedExponentialMs(policy, 9), 2000); // 5 * 512 = 2560, capped
}

TEST(ContentionModelTest, SameSeedSameRun) {
  const ContentionScenario scenario;
  const ContentionRun a = runContention(ContentionStrategy::Decorrelated, 40, scenario, 3);
  const ContentionRun b = runContention(ContentionStrategy::Decorrelated, 40, scenario, 3);
  EXPECT_EQ(a.writeCalls, b.writeCalls);
  EXPECT_EQ(a.completionMs, b.completionMs);
}

TEST(ContentionModelTest, JitterCutsTheWorkOfUnjitteredBackoff) {
  ContentionScenario scenario;
  scenario.minClients = scenario.maxClients = 100;
  scenario.runs = 20;
  const ContentionResult result = simulateContention(scenario);
  ASSERT_EQ(result.points.size(), allContentionStrategies().size());
  auto calls = [&](ContentionStrategy strategy) {
    for (const ContentionPoint &point : result.points)
      if (point.strategy == strategy)
        return point.meanWriteCalls;
    return 0.0;
  };
  // The study's finding: full jitter does the least work, no backoff the most.
  EXPECT_LT(calls(ContentionStrategy::FullJitter), calls(ContentionStrategy::Exponential));
  EXPECT_LT(calls(ContentionStrategy::FullJitter), calls(ContentionStrategy::EqualJitter));
  EXPECT_LT(calls(ContentionStrategy::Exponential), calls(ContentionStrategy::NoBackoff));
}

TEST(ContentionModelTest, SweepCoversEveryClientCountAndStrategy) {
  ContentionScenario scenario;
  scenario.minClients = 10;
  scenario.maxClients = 30;
  scenario.clientStep = 10;
  scenario.runs = 2;
  const ContentionResult result = simulateContention(scenario);
  EXPECT_EQ(result.clientCounts, (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(result.points.size(), 3 * allContentionStrategies().size());
  std::string error;
  scenario.clientStep = 0;
  EXPECT_FALSE(validateScenario(scenario, error));
}

} // namespace
} // namespace retrylint::sim
