#include "retrylint/sim/PolicyInput.h"

#include <gtest/gtest.h>

#include <fstream>

namespace retrylint::sim {
namespace {

TEST(PolicyInputTest, DurationsTakeUnits) {
  std::string error;
  EXPECT_EQ(parseDurationMs("100ms", error), 100);
  EXPECT_EQ(parseDurationMs("2s", error), 2000);
  EXPECT_EQ(parseDurationMs("1.5s", error), 1500);
  EXPECT_EQ(parseDurationMs("250us", error), 0.25);
  EXPECT_EQ(parseDurationMs("1m", error), 60000);
  EXPECT_EQ(parseDurationMs("1h", error), 3600000);
  EXPECT_EQ(parseDurationMs("0", error), 0);
}

TEST(PolicyInputTest, MalformedDurationsAreOneLineErrors) {
  for (const char *bad : {"100xs", "100", "ms", "", "1.5.2s", "-1s", "inf s", "nan"}) {
    std::string error;
    EXPECT_FALSE(parseDurationMs(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
    EXPECT_EQ(error.find('\n'), std::string::npos);
  }
}

TEST(PolicyInputTest, JitterKinds) {
  RetryPolicy policy;
  std::string error;
  ASSERT_TRUE(parseJitter("full", policy, error));
  EXPECT_EQ(policy.jitter, JitterKind::Full);
  ASSERT_TRUE(parseJitter("proportional:0.2", policy, error));
  EXPECT_EQ(policy.jitter, JitterKind::Proportional);
  EXPECT_EQ(policy.jitterProportion, 0.2);
  EXPECT_FALSE(parseJitter("proportional:1.5", policy, error));
  EXPECT_FALSE(parseJitter("Full", policy, error));
  EXPECT_NE(error.find("unknown jitter kind 'Full'"), std::string::npos) << error;
}

TEST(PolicyInputTest, LayersMultiplyToCallsPerFailedRequest) {
  RetryPolicy policy;
  std::string error;
  ASSERT_TRUE(parseLayers("3x3x3", policy, error));
  EXPECT_EQ(policy.layers, (std::vector<int>{3, 3, 3}));
  EXPECT_EQ(policy.callsPerFailedRequest(), 27);
  ASSERT_TRUE(parseLayers("2x5", policy, error));
  EXPECT_EQ(policy.callsPerFailedRequest(), 10);
  for (const char *bad : {"3x", "x3", "0x3", "3*3", "", "3xx3"})
    EXPECT_FALSE(parseLayers(bad, policy, error)) << bad;
}

TEST(PolicyInputTest, JsonPolicyRoundTrips) {
  RetryPolicy policy;
  std::string error;
  const auto object = nlohmann::json::parse(R"({
    "name": "gateway", "attempts": 4, "base": "50ms", "multiplier": 3, "cap": 2000,
    "jitter": "proportional:0.25",
    "budget": {"ratio": 0.2, "retry_cost": 1, "max_tokens": 10, "initial_tokens": 2},
    "layers": "2x3"})");
  ASSERT_TRUE(policyFromJson(object, policy, error)) << error;
  EXPECT_EQ(policy.name, "gateway");
  EXPECT_EQ(policy.baseMs, 50);
  EXPECT_EQ(policy.capMs, 2000);
  EXPECT_EQ(policy.multiplier, 3);
  EXPECT_TRUE(policy.budget.enabled);
  EXPECT_EQ(policy.budget.maxTokens, 10);
  EXPECT_EQ(policy.layers, (std::vector<int>{2, 3}));

  RetryPolicy again;
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(policyToJson(policy).dump()), again, error)) << error;
  EXPECT_EQ(policyToJson(again), policyToJson(policy));
}

TEST(PolicyInputTest, BudgetShorthandAndNull) {
  RetryPolicy policy;
  std::string error;
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(R"({"budget": 0.1})"), policy, error));
  EXPECT_TRUE(policy.budget.enabled);
  EXPECT_EQ(policy.budget.creditPerRequest, 0.1);
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(R"({"budget": null})"), policy, error));
  EXPECT_FALSE(policy.budget.enabled);
}

TEST(PolicyInputTest, BreakerAndNotesFromAnExport) {
  RetryPolicy policy;
  std::string error;
  // What `retrylint --export-policy` writes for classic incident 4 (the half-open flood).
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(R"({
    "name": "search::CircuitBreaker", "attempts": 1, "breaker": {"half_open_limit": null},
    "notes": ["the cooldown (cooldown_) is not a constant"]})"), policy, error)) << error;
  EXPECT_TRUE(policy.breaker.enabled);
  EXPECT_EQ(policy.breaker.halfOpenLimit, 0); // every caller
  EXPECT_EQ(policy.breaker.cooldownMs, 5000); // the default, as the note says
  EXPECT_EQ(policy.notes.size(), 1u);
  EXPECT_FALSE(retries(policy));
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(R"({
    "breaker": {"cooldown": "30s", "failure_threshold": 3, "half_open_limit": 1}})"), policy, error)) << error;
  EXPECT_EQ(policy.breaker.cooldownMs, 30000);
  EXPECT_EQ(policy.breaker.failureThreshold, 3);
  EXPECT_EQ(policy.breaker.halfOpenLimit, 1);
  RetryPolicy again;
  ASSERT_TRUE(policyFromJson(nlohmann::json::parse(policyToJson(policy).dump()), again, error)) << error;
  EXPECT_EQ(policyToJson(again), policyToJson(policy));
  EXPECT_EQ(describe(again), "no retries, breaker: open 30s after 3 failures, half-open admits one probe");
}

TEST(PolicyInputTest, BadJsonPoliciesNameTheField) {
  const std::pair<const char *, const char *> cases[] = {
      {R"({"atempts": 3})", "'atempts'"},
      {R"({"attempts": "3"})", "wrong type"},
      {R"({"attempts": -1})", "at least 1"},
      {R"({"base": "100xs"})", "malformed duration"},
      {R"({"jitter": "sometimes"})", "unknown jitter kind"},
      {R"({"budget": {"ratio": 0.1, "burst": 3}})", "'burst'"},
      {R"({"breaker": {"cooldown": "5xs"}})", "malformed duration"},
      {R"({"breaker": {"half_open_limit": 0}})", "at least 1"},
      {R"({"breaker": {"probes": 1}})", "'probes'"},
      {R"({"breaker": {"failure_threshold": 0}})", "failure_threshold >= 1"},
      {R"({"notes": [1]})", "strings"},
      {R"([1, 2])", "JSON object"}};
  for (const auto &[text, expected] : cases) {
    RetryPolicy policy;
    std::string error;
    EXPECT_FALSE(policyFromJson(nlohmann::json::parse(text), policy, error)) << text;
    EXPECT_NE(error.find(expected), std::string::npos) << text << " -> " << error;
  }
}

TEST(PolicyInputTest, PolicyFileErrorsNameTheFile) {
  RetryPolicy policy;
  std::string error;
  EXPECT_FALSE(readPolicyFile("/nonexistent/policy.json", policy, error));
  EXPECT_NE(error.find("cannot read policy file '/nonexistent/policy.json'"), std::string::npos);

  const std::string path = ::testing::TempDir() + "retrylint-policy-test.json";
  std::ofstream(path) << "{ not json";
  EXPECT_FALSE(readPolicyFile(path, policy, error));
  EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
  std::ofstream(path) << R"({"attempts": 3, "jitter": "full"})";
  ASSERT_TRUE(readPolicyFile(path, policy, error)) << error;
  EXPECT_EQ(policy.attempts, 3);
  EXPECT_EQ(policy.jitter, JitterKind::Full);
}

TEST(PolicyInputTest, FixedVariantChangesExactlyTheThreeThings) {
  RetryPolicy policy;
  policy.layers = {3, 3, 3};
  policy.capMs = 2000;
  const RetryPolicy fixed = fixedVariant(policy);
  EXPECT_EQ(fixed.jitter, JitterKind::Full);
  EXPECT_TRUE(fixed.budget.enabled);
  EXPECT_EQ(fixed.budget.creditPerRequest, 0.1);
  EXPECT_GT(fixed.budget.maxTokens, 0);
  EXPECT_EQ(fixed.layerAttempts(), (std::vector<int>{3}));
  EXPECT_EQ(fixed.capMs, 2000);
  EXPECT_EQ(fixed.baseMs, policy.baseMs);
}

} // namespace
} // namespace retrylint::sim
