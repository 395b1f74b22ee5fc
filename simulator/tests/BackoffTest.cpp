#include "retrylint/sim/Backoff.h"

#include <gtest/gtest.h>

#include <cmath>

namespace retrylint::sim {
namespace {

RetryPolicy incident1() { // classic incident 1: 5 attempts, 100 ms, x2, no jitter
  RetryPolicy policy;
  policy.attempts = 5;
  policy.baseMs = 100;
  policy.multiplier = 2;
  return policy;
}

TEST(BackoffTest, UnjitteredSleepsDoubleFromTheBase) {
  const RetryPolicy policy = incident1();
  Rng rng(1);
  double previous = startingSleepMs(policy);
  for (int exponent = 0; exponent < 5; ++exponent)
    EXPECT_EQ(backoffSleepMs(policy, exponent, previous, rng), 100 * std::pow(2, exponent));
}

TEST(BackoffTest, CapBoundsTheExponential) {
  RetryPolicy policy = incident1();
  policy.capMs = 2000;
  EXPECT_EQ(cappedExponentialMs(policy, 4), 1600);
  EXPECT_EQ(cappedExponentialMs(policy, 5), 2000);
  EXPECT_EQ(cappedExponentialMs(policy, 5000), 2000); // no overflow to infinity
}

TEST(BackoffTest, UnjitteredRetriesLandAtBaseTimesTwoToTheKMinusOne) {
  const std::vector<double> offsets = unjitteredRetryOffsetsMs(incident1(), 0);
  ASSERT_EQ(offsets.size(), 4u); // 5 attempts: 4 retries
  for (size_t k = 1; k <= offsets.size(); ++k)
    EXPECT_EQ(offsets[k - 1], 100 * (std::pow(2, k) - 1)) << "retry " << k;
}

TEST(BackoffTest, FailureLatencyShiftsEachLaterRetry) {
  const std::vector<double> offsets = unjitteredRetryOffsetsMs(incident1(), 5);
  EXPECT_EQ(offsets, (std::vector<double>{100, 305, 710, 1515}));
}

/// Mean of `draws` sleeps for one exponent.
double meanSleep(const RetryPolicy &policy, int exponent, int draws) {
  Rng rng(11);
  double sum = 0;
  for (int i = 0; i < draws; ++i) {
    double previous = startingSleepMs(policy);
    sum += backoffSleepMs(policy, exponent, previous, rng);
  }
  return sum / draws;
}

TEST(BackoffTest, FullJitterMeanIsHalfTheCappedExponential) {
  RetryPolicy policy = incident1();
  policy.jitter = JitterKind::Full;
  policy.capMs = 1000;
  for (int exponent : {0, 2, 3, 6}) { // 100, 400, 800 and the capped 1000
    const double half = cappedExponentialMs(policy, exponent) / 2;
    // uniform(0, d) has sd d / sqrt(12); 100000 draws put the mean within 0.3% at 3 sd.
    EXPECT_NEAR(meanSleep(policy, exponent, 100000), half, 0.006 * half) << exponent;
  }
}

TEST(BackoffTest, EqualJitterKeepsHalfAndMeansThreeQuarters) {
  RetryPolicy policy = incident1();
  policy.jitter = JitterKind::Equal;
  Rng rng(5);
  double previous = 0;
  for (int i = 0; i < 1000; ++i) {
    const double sleep = backoffSleepMs(policy, 3, previous, rng);
    ASSERT_GE(sleep, 400);
    ASSERT_LT(sleep, 800);
  }
  EXPECT_NEAR(meanSleep(policy, 3, 100000), 600, 2);
}

TEST(BackoffTest, DecorrelatedGrowsFromThePreviousSleepWithinTheCap) {
  RetryPolicy policy = incident1();
  policy.jitter = JitterKind::Decorrelated;
  policy.capMs = 2000;
  Rng rng(9);
  double previous = startingSleepMs(policy);
  for (int retry = 1; retry < 200; ++retry) {
    const double before = previous;
    const double sleep = backoffSleepMs(policy, retry, previous, rng);
    ASSERT_GE(sleep, policy.baseMs);
    ASSERT_LE(sleep, std::min(policy.capMs, 3 * before));
    ASSERT_EQ(previous, sleep);
  }
}

TEST(BackoffTest, ProportionalJitterStaysWithinTheShare) {
  RetryPolicy policy = incident1();
  policy.jitter = JitterKind::Proportional;
  policy.jitterProportion = 0.2;
  Rng rng(2);
  double previous = 0, low = 1e9, high = 0;
  for (int i = 0; i < 10000; ++i) {
    const double sleep = backoffSleepMs(policy, 1, previous, rng); // 200 ms +/- 20%
    low = std::min(low, sleep);
    high = std::max(high, sleep);
  }
  EXPECT_GE(low, 160);
  EXPECT_LT(high, 240);
  EXPECT_LT(low, 162); // the draws do reach the edges
  EXPECT_GT(high, 238);
}

} // namespace
} // namespace retrylint::sim
