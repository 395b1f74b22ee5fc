// --compare's variants: one per fix the policy lacks, each changing that one thing.
#include "retrylint/sim/RetryPolicy.h"

#include <gtest/gtest.h>

namespace retrylint::sim {
namespace {

std::vector<std::string> names(const std::vector<RetryPolicy> &variants) {
  std::vector<std::string> out;
  for (const RetryPolicy &variant : variants)
    out.push_back(variant.name);
  return out;
}

TEST(FixVariantsTest, IncidentOneGetsJitterAndBudgetThenBoth) {
  RetryPolicy asWritten; // the defaults are classic incident 1: no jitter, no budget
  const std::vector<RetryPolicy> variants = fixVariants(asWritten);
  ASSERT_EQ(names(variants), (std::vector<std::string>{"jitter only", "budget only", "all fixes"}));
  EXPECT_EQ(variants[0].jitter, JitterKind::Full);
  EXPECT_FALSE(variants[0].budget.enabled); // jitter only: nothing else changes
  EXPECT_EQ(variants[1].jitter, JitterKind::None);
  EXPECT_TRUE(variants[1].budget.enabled);
  EXPECT_EQ(variants[1].budget.creditPerRequest, 0.1);
  EXPECT_EQ(variants[1].budget.maxTokens, 10);
  EXPECT_EQ(variants[2].jitter, JitterKind::Full);
  EXPECT_TRUE(variants[2].budget.enabled);
  for (const RetryPolicy &variant : variants) { // what no fix touches stays
    EXPECT_EQ(variant.attempts, 5);
    EXPECT_EQ(variant.baseMs, 100);
  }
}

TEST(FixVariantsTest, IncidentTwoOnlyNeedsTheBudgetsMaximum) {
  RetryPolicy asWritten;
  asWritten.attempts = 3;
  asWritten.jitter = JitterKind::Full;
  asWritten.budget.enabled = true; // 10%, no maximum
  const std::vector<RetryPolicy> variants = fixVariants(asWritten);
  ASSERT_EQ(names(variants), (std::vector<std::string>{"budget only"})); // no "all": one fix
  EXPECT_EQ(variants[0].budget.maxTokens, 10);
  EXPECT_EQ(variants[0].budget.creditPerRequest, 0.1);
}

TEST(FixVariantsTest, IncidentThreeGetsABudgetAndOneLayer) {
  RetryPolicy asWritten;
  asWritten.layers = {3, 3, 3};
  asWritten.jitter = JitterKind::Full;
  const std::vector<RetryPolicy> variants = fixVariants(asWritten);
  ASSERT_EQ(names(variants),
            (std::vector<std::string>{"budget only", "one layer only", "all fixes"}));
  EXPECT_EQ(variants[0].callsPerFailedRequest(), 27); // the budget alone keeps the layers
  EXPECT_EQ(variants[1].callsPerFailedRequest(), 3);  // retry at the outermost layer only
  EXPECT_FALSE(variants[1].budget.enabled);
  EXPECT_EQ(variants[2].callsPerFailedRequest(), 3);
  EXPECT_TRUE(variants[2].budget.enabled);
}

TEST(FixVariantsTest, IncidentFourAdmitsASingleProbe) {
  RetryPolicy asWritten;
  asWritten.attempts = 1;
  asWritten.breaker.enabled = true; // half_open_limit 0: every caller
  const std::vector<RetryPolicy> variants = fixVariants(asWritten);
  ASSERT_EQ(names(variants), (std::vector<std::string>{"single probe"}));
  EXPECT_EQ(variants[0].breaker.halfOpenLimit, 1);
  EXPECT_FALSE(variants[0].budget.enabled); // no retries: a budget or jitter would change nothing
  EXPECT_EQ(variants[0].jitter, JitterKind::None);
}

TEST(FixVariantsTest, AFixedPolicyHasNoVariants) {
  RetryPolicy fixed;
  fixed.jitter = JitterKind::Decorrelated;
  fixed.budget.enabled = true;
  fixed.budget.maxTokens = 5;
  EXPECT_TRUE(fixVariants(fixed).empty());
  EXPECT_EQ(fixedVariant(fixed).jitter, JitterKind::Decorrelated); // a jitter it has stays
  EXPECT_EQ(fixedVariant(fixed).budget.maxTokens, 5);
}

} // namespace
} // namespace retrylint::sim
