// The breaker checks over hand-made facts: what each reports, and the evidence it needs.
#include "checks/BackoffNoJitterCheck.h"
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

/// An allow-style breaker: TryAdmit() returns true to every caller that finds it half-open.
Breaker allowStyle() {
  Breaker b = incident4();
  b.stateAtomic = true;
  b.stateWrites[0].kind = StateWriteKind::CompareExchange;
  HalfOpenCall &c = b.halfOpenCalls[0];
  c.admission = AdmissionKind::AdmitReturn;
  c.operation = "true";
  c.functionName = "search::CircuitBreaker::TryAdmit";
  c.entryWrite = -1; // found half-open
  return b;
}

/// An isolation breaker: Restore() clears `isolated_`; the isolation doubles from 100 ms.
Breaker isolation() {
  Breaker b;
  b.usr = "c:@N@rpc@S@NodeCircuitBreaker";
  b.name = "rpc::NodeCircuitBreaker";
  b.decl = at(9);
  b.kind = BreakerKind::Isolation;
  b.stateField = "isolated_";
  b.stateType = "std::atomic<bool>";
  b.openState = "true";
  b.closedState = "false";
  b.stateAtomic = true;
  BreakerStateWrite clear;
  clear.span = at(41);
  clear.functionName = "rpc::NodeCircuitBreaker::Restore";
  clear.toState = "false";
  clear.kind = StateWriteKind::AtomicStore;
  b.stateWrites.push_back(clear);
  HalfOpenCall c;
  c.admission = AdmissionKind::IsolationEnd;
  c.call = at(41);
  c.functionName = "rpc::NodeCircuitBreaker::Restore";
  c.entryWrite = 0;
  b.halfOpenCalls.push_back(c);
  IsolationGrowth g;
  g.span = at(31);
  g.variable = "isolation_ms_";
  g.multiplier = 2;
  g.cap = "kMaxIsolationMs";
  g.capValue = 30000;
  g.initialValue = 100;
  g.unit = "ms";
  b.isolationGrowth = g;
  return b;
}

TEST(BreakerChecks, AllowStyleNamesTheDecisionAndTheMissingLimit) {
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), allowStyle());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].span.line, 28u);
  EXPECT_NE(f[0].title.find("gets `true` from `TryAdmit()`"), std::string::npos) << f[0].title;
  EXPECT_NE(f[0].title.find("no limit on trial calls"), std::string::npos) << f[0].title;
}

TEST(BreakerChecks, TimeWindowSaysEveryCallerForItsLength) {
  Breaker b = allowStyle();
  b.halfOpenCalls[0].guards.push_back({ProbeGuardKind::TimeGate, at(27), "half_open_since_",
                                        "kProbeWindow", GuardFlaw::TimeWindow, 100});
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), b);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].title.rfind("every caller in the first 100 ms after `search::CircuitBreaker` turns half-open", 0), 0u)
      << f[0].title;
  EXPECT_NE(f[0].title.find("bounds time, not callers"), std::string::npos) << f[0].title;
}

TEST(BreakerChecks, ProbeIntervalNeverAdvancedQuotesTheInterval) {
  Breaker b = allowStyle();
  b.halfOpenCalls[0].guards.push_back({ProbeGuardKind::TimeGate, at(27), "last_trial_", "kInterval",
                                        GuardFlaw::NeverUpdated, 250});
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), b);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].title.find("`last_trial_` is compared with the clock (250 ms) but never advanced"), std::string::npos)
      << f[0].title;
  EXPECT_NE(f[0].title.find("after the first 250 ms every caller"), std::string::npos) << f[0].title;
}

TEST(BreakerChecks, ExchangeWhoseOldValueIsIgnored) {
  Breaker b = allowStyle();
  b.stateWrites[0].kind = StateWriteKind::Exchange;
  b.halfOpenCalls[0].entryWrite = 0;
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), b);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].title.find("by an exchange whose old value does not decide who is admitted"), std::string::npos)
      << f[0].title;
}

TEST(BreakerChecks, IsolationResetReadmitsEveryone) {
  std::vector<Finding> f = run(BreakerHalfOpenFloodCheck(), isolation());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].span.line, 41u);
  EXPECT_EQ(f[0].title.rfind("`Restore()` clears `isolated_` and readmits every caller at once", 0), 0u) << f[0].title;
  EXPECT_NE(f[0].title.find("100 ms, doubling up to 30 s"), std::string::npos) << f[0].title;
  // No unsynchronized-state finding: the flag is atomic, and isolation writes carry no path.
  EXPECT_TRUE(run(BreakerUnsynchronizedStateCheck(), isolation()).empty());

  Breaker bounded = isolation();
  bounded.halfOpenCalls[0].bounded = true; // a trial call is admitted first
  EXPECT_TRUE(run(BreakerHalfOpenFloodCheck(), bounded).empty());
}

TEST(BreakerChecks, IsolationGrowthIsADelayPolicy) {
  std::vector<Finding> f = run(BackoffNoJitterCheck(), isolation());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].ruleId, "retry-backoff-no-jitter");
  EXPECT_EQ(f[0].span.line, 31u);
  EXPECT_NE(f[0].title.find("grows ×2 on every trip (100, 200, 400, 800, 1600, …, 30000 ms) with no jitter"),
            std::string::npos)
      << f[0].title;

  Breaker jittered = isolation();
  jittered.isolationGrowth->jittered = true;
  EXPECT_TRUE(run(BackoffNoJitterCheck(), jittered).empty());
}

TEST(BreakerChecks, FactsRoundTrip) {
  TUFacts tu;
  tu.mainFile = "/src/b.cpp";
  Breaker b = incident4();
  b.halfOpenCalls[0].guards.push_back(
      {ProbeGuardKind::TimeGate, at(27), "last_probe_", "kProbeInterval", GuardFlaw::NeverUpdated});
  tu.breakers.push_back(b);
  tu.breakers.push_back(isolation());
  std::string once = toJson(tu).dump();
  TUFacts back = tuFactsFromJson(nlohmann::json::parse(once));
  EXPECT_EQ(toJson(back).dump(), once);
  ASSERT_EQ(back.breakers.size(), 2u);
  EXPECT_EQ(back.breakers[1].kind, BreakerKind::Isolation);
  EXPECT_EQ(back.breakers[1].halfOpenCalls[0].admission, AdmissionKind::IsolationEnd);
  ASSERT_TRUE(back.breakers[1].isolationGrowth);
  EXPECT_EQ(back.breakers[1].isolationGrowth->capValue, 30000);
  EXPECT_EQ(back.breakers[0].stateWrites[0].cooldownMs, 30000);
  EXPECT_EQ(back.breakers[0].halfOpenCalls[0].guards[0].flaw, GuardFlaw::NeverUpdated);

  auto j = nlohmann::json::parse(once);
  j["breakers"][0]["halfOpenCalls"][0]["guards"][0]["kind"] = "hope";
  EXPECT_ANY_THROW(tuFactsFromJson(j));
  j = nlohmann::json::parse(once);
  j["breakers"][0]["halfOpenCalls"][0]["entryWrite"] = 7;
  EXPECT_ANY_THROW(tuFactsFromJson(j));
}
