// The breaker checks over hand-made facts: what each reports, and the evidence it needs.
#include "checks/BreakerHalfOpenFloodCheck.h"
#include "checks/BreakerUnsynchronizedStateCheck.h"
#include "facts/FactsJson.h"

#include <gtest/gtest.h>

using namespace retrylint;

namespace {

SourceSpan at(unsigned line) { return SourceSpan{"/src/b.cpp", line, 5, line, 20, "  x;"}; }

/// Incident 4's shape: a plain state, no lock, Open -> HalfOpen then fn() for everyone.
Breaker incident4() {
  Breaker b;
  b.usr = "c:@N@search@S@CircuitBreaker";
  b.name = "search::CircuitBreaker";
  b.decl = at(11);
  b.stateField = "state_";
  b.stateType = "State";
  b.openState = "kOpen";
  b.halfOpenState = "kHalfOpen";
  b.closedState = "kClosed";
  BreakerStateWrite toHalfOpen;
  toHalfOpen.span = at(25);
  toHalfOpen.functionName = "search::CircuitBreaker::Call";
  toHalfOpen.toState = "kHalfOpen";
  toHalfOpen.fromStates = {"kOpen"};
  toHalfOpen.unguardedVia = "search::CircuitBreaker::Call";
  toHalfOpen.cooldown = "cooldown_";
  toHalfOpen.cooldownMs = 30000;
  b.stateWrites.push_back(toHalfOpen);
  BreakerStateWrite toOpen = toHalfOpen;
  toOpen.span = at(30);
  toOpen.toState = "kOpen";
  toOpen.fromStates = {"kHalfOpen"};
  toOpen.cooldown.clear();
  toOpen.cooldownMs = -1;
  b.stateWrites.push_back(toOpen);
  HalfOpenCall call;
  call.call = at(28);
  call.operation = "fn()";
  call.functionName = "search::CircuitBreaker::Call";
  call.entryWrite = 0;
  b.halfOpenCalls.push_back(call);
  return b;
}

std::vector<Finding> run(const Check &check, const Breaker &b) {
  TUFacts tu;
  tu.mainFile = "/src/b.cpp";
  tu.breakers.push_back(b);
  Program program = linkFacts({tu});
  std::vector<Finding> out;
  check.check(program, out);
  return out;
}

} // namespace

TEST(BreakerChecks, FloodNamesTheTransitionCooldownAndCall) {
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), incident4());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].span.line, 28u);
  EXPECT_NE(f[0].title.find("kOpen -> kHalfOpen at line 25, after the 30 s cooldown"), std::string::npos)
      << f[0].title;
  EXPECT_NE(f[0].title.find("runs `fn()`"), std::string::npos);
  EXPECT_NE(f[0].title.find("N probes at once"), std::string::npos);
  ASSERT_EQ(f[0].notes.size(), 1u);
  EXPECT_EQ(f[0].notes[0].span.line, 25u);
}

TEST(BreakerChecks, BoundedCallIsNotReported) {
  Breaker b = incident4();
  b.halfOpenCalls[0].bounded = true;
  b.halfOpenCalls[0].guards.push_back({ProbeGuardKind::CompareExchange, at(26), "state_", "", GuardFlaw::None});
  EXPECT_TRUE(run(BreakerHalfOpenFloodCheck(), b).empty());
}

TEST(BreakerChecks, FloodExplainsAGuardThatDoesNotBound) {
  Breaker b = incident4();
  b.halfOpenCalls[0].entryWrite = -1; // found half-open
  b.halfOpenCalls[0].guards.push_back(
      {ProbeGuardKind::PermitCounter, at(27), "half_open_calls_", "", GuardFlaw::NeverCompared});
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), b);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].title.rfind("`half_open_calls_` counts callers but is never compared", 0), 0u) << f[0].title;
}

TEST(BreakerChecks, UnsynchronizedWritesNeedConcurrencyEvidence) {
  Breaker b = incident4();
  std::vector<Finding> f = run(BreakerUnsynchronizedStateCheck(), b);
  ASSERT_EQ(f.size(), 2u); // incident 4's shape: a shared breaker with no synchronisation
  EXPECT_NE(f[0].title.find("set to kHalfOpen"), std::string::npos) << f[0].title;
  EXPECT_NE(f[0].title.find("no synchronisation at all"), std::string::npos);

  b.mutexes = {"mu_"};
  f = run(BreakerUnsynchronizedStateCheck(), b);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_NE(f[0].title.find("locks `mu_` elsewhere"), std::string::npos);

  Breaker confined = incident4();
  confined.threadConfined = true;
  EXPECT_TRUE(run(BreakerUnsynchronizedStateCheck(), confined).empty());

  Breaker atomic = incident4();
  atomic.stateAtomic = true;
  EXPECT_TRUE(run(BreakerUnsynchronizedStateCheck(), atomic).empty());

  Breaker quiet = incident4(); // no half-open call and nothing synchronised: no evidence
  quiet.halfOpenCalls.clear();
  EXPECT_TRUE(run(BreakerUnsynchronizedStateCheck(), quiet).empty());
}

TEST(BreakerChecks, FactsRoundTrip) {
  TUFacts tu;
  tu.mainFile = "/src/b.cpp";
  Breaker b = incident4();
  b.halfOpenCalls[0].guards.push_back(
      {ProbeGuardKind::TimeGate, at(27), "last_probe_", "kProbeInterval", GuardFlaw::NeverUpdated});
  tu.breakers.push_back(b);
  std::string once = toJson(tu).dump();
  TUFacts back = tuFactsFromJson(nlohmann::json::parse(once));
  EXPECT_EQ(toJson(back).dump(), once);
  ASSERT_EQ(back.breakers.size(), 1u);
  EXPECT_EQ(back.breakers[0].stateWrites[0].cooldownMs, 30000);
  EXPECT_EQ(back.breakers[0].halfOpenCalls[0].guards[0].flaw, GuardFlaw::NeverUpdated);

  auto j = nlohmann::json::parse(once);
  j["breakers"][0]["halfOpenCalls"][0]["guards"][0]["kind"] = "hope";
  EXPECT_ANY_THROW(tuFactsFromJson(j));
  j = nlohmann::json::parse(once);
  j["breakers"][0]["halfOpenCalls"][0]["entryWrite"] = 7;
  EXPECT_ANY_THROW(tuFactsFromJson(j));
}
