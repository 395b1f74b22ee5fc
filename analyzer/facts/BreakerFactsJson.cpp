// JSON form of the breaker facts, part of the per-TU facts document (FactsJson.cpp).
#include "facts/BreakerFacts.h"
#include "facts/JsonMapping.h"

#include <stdexcept>

namespace retrylint {

const char *toString(StateWriteKind k) {
  switch (k) {
  case StateWriteKind::Plain: return "plain";
  case StateWriteKind::AtomicStore: return "atomic-store";
  case StateWriteKind::Exchange: return "exchange";
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
  case GuardFlaw::TimeWindow: return "time-window";
  case GuardFlaw::SeparateAtomicSteps: return "separate-atomic-steps";
  }
  return "none";
}

const char *toString(AdmissionKind k) {
  switch (k) {
  case AdmissionKind::ProtectedCall: return "protected-call";
  case AdmissionKind::AdmitReturn: return "admit-return";
  case AdmissionKind::IsolationEnd: return "isolation-end";
  }
  return "protected-call";
}

const char *toString(BreakerKind k) {
  switch (k) {
  case BreakerKind::StateMachine: return "state-machine";
  case BreakerKind::Isolation: return "isolation";
  }
  return "state-machine";
}

// The mappings live in namespace retrylint itself: nlohmann finds them by ADL.

RETRYLINT_JSON_ENUM(StateWriteKind, StateWriteKind::Plain, StateWriteKind::AtomicStore,
                    StateWriteKind::Exchange, StateWriteKind::CompareExchange)
RETRYLINT_JSON_ENUM(ProbeGuardKind, ProbeGuardKind::CompareExchange, ProbeGuardKind::Exchange,
                    ProbeGuardKind::TryLock, ProbeGuardKind::SemaphoreTryAcquire,
                    ProbeGuardKind::PermitCounter, ProbeGuardKind::Flag, ProbeGuardKind::TimeGate,
                    ProbeGuardKind::Generation, ProbeGuardKind::SerializedByLock,
                    ProbeGuardKind::ExclusiveTransition)
RETRYLINT_JSON_ENUM(GuardFlaw, GuardFlaw::None, GuardFlaw::NeverCompared, GuardFlaw::NeverUpdated,
                    GuardFlaw::NeverRejects, GuardFlaw::UnlockedCheckThenUpdate,
                    GuardFlaw::TimeWindow, GuardFlaw::SeparateAtomicSteps)
RETRYLINT_JSON_ENUM(AdmissionKind, AdmissionKind::ProtectedCall, AdmissionKind::AdmitReturn,
                    AdmissionKind::IsolationEnd)
RETRYLINT_JSON_ENUM(BreakerKind, BreakerKind::StateMachine, BreakerKind::Isolation)

RETRYLINT_JSON_FIELDS(BreakerStateWrite, span, functionName, toState, fromStates, kind, exclusive,
                      unguardedVia, cooldown, cooldownMs)
RETRYLINT_JSON_FIELDS(ProbeGuard, kind, span, variable, limit, flaw, limitMs)
RETRYLINT_JSON_FIELDS(HalfOpenCall, admission, call, operation, functionName, bounded, entryWrite,
                      guards)
RETRYLINT_JSON_FIELDS(IsolationGrowth, span, variable, multiplier, cap, capValue, initialValue,
                      unit, jittered)

void to_json(nlohmann::ordered_json &j, const Breaker &b) {
  j = nlohmann::ordered_json{{"usr", b.usr},
                             {"name", b.name},
                             {"decl", b.decl},
                             {"kind", b.kind},
                             {"stateField", b.stateField},
                             {"stateType", b.stateType},
                             {"openState", b.openState},
                             {"halfOpenState", b.halfOpenState},
                             {"closedState", b.closedState},
                             {"stateAtomic", b.stateAtomic},
                             {"mutexes", b.mutexes},
                             {"atomics", b.atomics},
                             {"threadConfined", b.threadConfined},
                             {"stateWrites", b.stateWrites},
                             {"halfOpenCalls", b.halfOpenCalls},
                             {"isolationGrowth", b.isolationGrowth}};
}

void readFacts(const FactsValue &j, Breaker &b) {
  readField(j, "usr", b.usr);
  readField(j, "name", b.name);
  readField(j, "decl", b.decl);
  readField(j, "kind", b.kind);
  readField(j, "stateField", b.stateField);
  readField(j, "stateType", b.stateType);
  readField(j, "openState", b.openState);
  readField(j, "halfOpenState", b.halfOpenState);
  readField(j, "closedState", b.closedState);
  readField(j, "stateAtomic", b.stateAtomic);
  readField(j, "mutexes", b.mutexes);
  readField(j, "atomics", b.atomics);
  readField(j, "threadConfined", b.threadConfined);
  readField(j, "stateWrites", b.stateWrites);
  readField(j, "halfOpenCalls", b.halfOpenCalls);
  readField(j, "isolationGrowth", b.isolationGrowth);
  for (size_t i = 0; i < b.halfOpenCalls.size(); ++i)
    try {
      checkRange<int64_t>(b.halfOpenCalls[i].entryWrite, -1,
                          static_cast<int64_t>(b.stateWrites.size()) - 1);
    } catch (const FactsFieldError &e) {
      throw e.under("halfOpenCalls[" + std::to_string(i) + "].entryWrite");
    }
}

void from_json(const nlohmann::json &j, Breaker &b) { readFacts(FactsValue(j), b); }

} // namespace retrylint
