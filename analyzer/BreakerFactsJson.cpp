// JSON form of the breaker facts, part of the per-TU facts document (FactsJson.cpp).
#include "BreakerFacts.h"
#include "FactsJson.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace retrylint {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr StateWriteKind AllWriteKinds[] = {StateWriteKind::Plain, StateWriteKind::AtomicStore,
                                            StateWriteKind::CompareExchange};
constexpr ProbeGuardKind AllGuardKinds[] = {
    ProbeGuardKind::CompareExchange,  ProbeGuardKind::Exchange,
    ProbeGuardKind::TryLock,          ProbeGuardKind::SemaphoreTryAcquire,
    ProbeGuardKind::PermitCounter,    ProbeGuardKind::Flag,
    ProbeGuardKind::TimeGate,         ProbeGuardKind::Generation,
    ProbeGuardKind::SerializedByLock, ProbeGuardKind::ExclusiveTransition};
constexpr GuardFlaw AllFlaws[] = {GuardFlaw::None, GuardFlaw::NeverCompared,
                                  GuardFlaw::NeverUpdated, GuardFlaw::NeverRejects,
                                  GuardFlaw::UnlockedCheckThenUpdate};

template <typename Enum, size_t N> Enum fromString(const json &j, const Enum (&all)[N]) {
  return enumFromString(j.get<std::string>(), all);
}

ojson toJson(const BreakerStateWrite &w) {
  return ojson{{"span", toJson(w.span)},           {"functionName", w.functionName},
               {"toState", w.toState},             {"fromStates", w.fromStates},
               {"kind", toString(w.kind)},         {"exclusive", w.exclusive},
               {"unguardedVia", w.unguardedVia},   {"cooldown", w.cooldown},
               {"cooldownMs", w.cooldownMs}};
}

BreakerStateWrite writeFromJson(const json &j) {
  BreakerStateWrite w;
  w.span = spanFromJson(j.at("span"));
  w.functionName = j.at("functionName").get<std::string>();
  w.toState = j.at("toState").get<std::string>();
  w.fromStates = j.at("fromStates").get<std::vector<std::string>>();
  w.kind = fromString(j.at("kind"), AllWriteKinds);
  w.exclusive = j.at("exclusive").get<bool>();
  w.unguardedVia = j.at("unguardedVia").get<std::string>();
  w.cooldown = j.at("cooldown").get<std::string>();
  w.cooldownMs = j.at("cooldownMs").get<double>();
  return w;
}

ojson toJson(const ProbeGuard &g) {
  return ojson{{"kind", toString(g.kind)}, {"span", toJson(g.span)}, {"variable", g.variable},
               {"limit", g.limit},         {"flaw", toString(g.flaw)}};
}

ProbeGuard guardFromJson(const json &j) {
  ProbeGuard g;
  g.kind = fromString(j.at("kind"), AllGuardKinds);
  g.span = spanFromJson(j.at("span"));
  g.variable = j.at("variable").get<std::string>();
  g.limit = j.at("limit").get<std::string>();
  g.flaw = fromString(j.at("flaw"), AllFlaws);
  return g;
}

ojson toJson(const HalfOpenCall &c) {
  ojson guards = ojson::array();
  for (const ProbeGuard &g : c.guards)
    guards.push_back(toJson(g));
  return ojson{{"call", toJson(c.call)},         {"operation", c.operation},
               {"functionName", c.functionName}, {"bounded", c.bounded},
               {"entryWrite", c.entryWrite},     {"guards", guards}};
}

HalfOpenCall callFromJson(const json &j) {
  HalfOpenCall c;
  c.call = spanFromJson(j.at("call"));
  c.operation = j.at("operation").get<std::string>();
  c.functionName = j.at("functionName").get<std::string>();
  c.bounded = j.at("bounded").get<bool>();
  c.entryWrite = j.at("entryWrite").get<int>();
  for (const json &g : j.at("guards"))
    c.guards.push_back(guardFromJson(g));
  return c;
}

} // namespace

const char *toString(StateWriteKind k) {
  switch (k) {
  case StateWriteKind::Plain: return "plain";
  case StateWriteKind::AtomicStore: return "atomic-store";
  case StateWriteKind::CompareExchange: return "compare-exchange";
  }
  return "plain";
}

const char *toString(ProbeGuardKind k) {
  switch (k) {
  case ProbeGuardKind::CompareExchange: return "compare-exchange";
  case ProbeGuardKind::Exchange: return "exchange";
  case ProbeGuardKind::TryLock: return "try-lock";
  case ProbeGuardKind::SemaphoreTryAcquire: return "semaphore-try-acquire";
  case ProbeGuardKind::PermitCounter: return "permit-counter";
  case ProbeGuardKind::Flag: return "flag";
  case ProbeGuardKind::TimeGate: return "time-gate";
  case ProbeGuardKind::Generation: return "generation";
  case ProbeGuardKind::SerializedByLock: return "serialized-by-lock";
  case ProbeGuardKind::ExclusiveTransition: return "exclusive-transition";
  }
  return "permit-counter";
}

const char *toString(GuardFlaw f) {
  switch (f) {
  case GuardFlaw::None: return "none";
  case GuardFlaw::NeverCompared: return "never-compared";
  case GuardFlaw::NeverUpdated: return "never-updated";
  case GuardFlaw::NeverRejects: return "never-rejects";
  case GuardFlaw::UnlockedCheckThenUpdate: return "unlocked-check-then-update";
  }
  return "none";
}

ojson toJson(const Breaker &b) {
  ojson writes = ojson::array(), calls = ojson::array();
  for (const BreakerStateWrite &w : b.stateWrites)
    writes.push_back(toJson(w));
  for (const HalfOpenCall &c : b.halfOpenCalls)
    calls.push_back(toJson(c));
  return ojson{{"usr", b.usr},
               {"name", b.name},
               {"decl", toJson(b.decl)},
               {"stateField", b.stateField},
               {"stateType", b.stateType},
               {"openState", b.openState},
               {"halfOpenState", b.halfOpenState},
               {"closedState", b.closedState},
               {"stateAtomic", b.stateAtomic},
               {"mutexes", b.mutexes},
               {"atomics", b.atomics},
               {"threadConfined", b.threadConfined},
               {"stateWrites", writes},
               {"halfOpenCalls", calls}};
}

Breaker breakerFromJson(const json &j) {
  Breaker b;
  b.usr = j.at("usr").get<std::string>();
  b.name = j.at("name").get<std::string>();
  b.decl = spanFromJson(j.at("decl"));
  b.stateField = j.at("stateField").get<std::string>();
  b.stateType = j.at("stateType").get<std::string>();
  b.openState = j.at("openState").get<std::string>();
  b.halfOpenState = j.at("halfOpenState").get<std::string>();
  b.closedState = j.at("closedState").get<std::string>();
  b.stateAtomic = j.at("stateAtomic").get<bool>();
  b.mutexes = j.at("mutexes").get<std::vector<std::string>>();
  b.atomics = j.at("atomics").get<std::vector<std::string>>();
  b.threadConfined = j.at("threadConfined").get<bool>();
  for (const json &w : j.at("stateWrites"))
    b.stateWrites.push_back(writeFromJson(w));
  for (const json &c : j.at("halfOpenCalls"))
    b.halfOpenCalls.push_back(callFromJson(c));
  for (const HalfOpenCall &c : b.halfOpenCalls)
    if (c.entryWrite >= static_cast<int>(b.stateWrites.size()))
      throw std::invalid_argument("breaker facts: entryWrite out of range");
  return b;
}

} // namespace retrylint
