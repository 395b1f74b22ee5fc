// Facts about circuit breakers: a class whose state (an enum, or an int holding named
// constants) has open, half-open and closed values and whose member functions run a
// protected operation depending on it. Plain data, no Clang (see docs/architecture.md).
// Facts.h includes this file once SourceSpan is defined, so either header may come first.
#ifndef RETRYLINT_BREAKER_FACTS_H
#include "facts/Facts.h"
#endif
#ifndef RETRYLINT_BREAKER_FACTS_H
#define RETRYLINT_BREAKER_FACTS_H

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// How a write changes the breaker's state.
enum class StateWriteKind { Plain, AtomicStore, Exchange, CompareExchange };

/// One write of the breaker's state variable (an assignment, a store, a compare-exchange).
struct BreakerStateWrite {
  SourceSpan span;
  std::string functionName;            // the method that writes, qualified
  std::string toState;                 // the state written; empty when it is not a named state
  std::vector<std::string> fromStates; // the states the writer had seen before it, in order
  StateWriteKind kind = StateWriteKind::Plain;
  /// The writer made the change alone: a compare-exchange that succeeded, or a write under the
  /// lock that was also held when the state was read.
  bool exclusive = false;
  /// An entry method through which some path reaches this write holding no lock and doing no
  /// atomic operation; empty when every path is locked or atomic.
  std::string unguardedVia;
  std::string cooldown;   // the duration of the clock check passed just before, as written
  double cooldownMs = -1; // its value, when it is a constant
};

/// What bounds the callers admitted to the protected call while half-open.
enum class ProbeGuardKind {
  CompareExchange,     // compare_exchange on the state or on a flag
  Exchange,            // probe_in_flight_.exchange(true), atomic_flag::test_and_set
  TryLock,             // mutex try_lock
  SemaphoreTryAcquire, // semaphore try_acquire
  PermitCounter,       // a counter compared with a limit and updated
  Flag,                // a bool member tested and set
  TimeGate,            // a timestamp compared with the clock and advanced
  Generation,          // a generation number compared and advanced
  SerializedByLock,    // the protected call runs under the lock that guards the state
  ExclusiveTransition, // the caller itself won the move into half-open
};

/// Why a guard does not bound the callers it admits.
enum class GuardFlaw {
  None,
  NeverCompared,    // updated on the way to the call, never tested
  NeverUpdated,     // tested, but nothing on the admitting path advances it
  NeverRejects,     // both outcomes of the test reach the call
  UnlockedCheckThenUpdate, // tested and updated without a lock or an atomic read-modify-write
  TimeWindow,       // admits every caller while the clock is inside a window
  SeparateAtomicSteps, // an atomic counter read by load() and updated in another atomic step
};

struct ProbeGuard {
  ProbeGuardKind kind = ProbeGuardKind::PermitCounter;
  SourceSpan span;      // the test (or the call that serialises)
  std::string variable; // the member it tests, e.g. half_open_calls_
  std::string limit;    // what a counter is compared with, as written
  GuardFlaw flaw = GuardFlaw::None;
  double limitMs = -1;  // a time gate's interval or window, when constant
};

/// How a caller reaches the dependency while the breaker is half-open.
enum class AdmissionKind {
  ProtectedCall, // the breaker runs the operation itself (execute style)
  AdmitReturn,   // a decision function returns its admit value; the caller calls (allow style)
  IsolationEnd,  // an isolation breaker clears its flag and every caller is back at once
};

/// An isolation breaker's isolation time, grown on each trip: a delay policy of its own.
struct IsolationGrowth {
  SourceSpan span;          // the growth expression (next * 2, d <<= 1)
  std::string variable;     // the member that holds the isolation time
  double multiplier = 0;    // per trip, when constant
  std::string cap;          // as written; empty when nothing caps it
  double capValue = -1;     // its value, when constant (in `unit`)
  double initialValue = -1; // the first isolation, when constant (in `unit`)
  std::string unit;         // ms, s, us; empty when the name does not say
  bool jittered = false;    // a random draw takes part in the new value
};

/// A state machine (open, half-open and closed values), or an isolation breaker: a tripped
/// flag and an isolation time, with no half-open state.
enum class BreakerKind { StateMachine, Isolation };

/// A protected call that some caller reaches while the breaker is half-open.
struct HalfOpenCall {
  AdmissionKind admission = AdmissionKind::ProtectedCall;
  /// ProtectedCall: the call in the method the caller called (a helper's call site, if any).
  /// AdmitReturn: the return that admits. IsolationEnd: the write that clears the flag.
  SourceSpan call;
  std::string operation;    // the protected call (fn(), probe_()) or the admit value (true)
  std::string functionName; // the method that holds `call`
  bool bounded = false;     // every path to it is admitted by a guard that rejects the rest
  /// On the worst path: the index in Breaker::stateWrites of the write that made the state
  /// half-open, or -1 when the caller found it half-open.
  int entryWrite = -1;
  /// Bounded: the guard that bounds the worst path. Unbounded: the guards it passed that do
  /// not bound (with their flaw), if any.
  std::vector<ProbeGuard> guards;
};

struct Breaker {
  std::string usr;
  std::string name; // qualified class name
  SourceSpan decl;  // the class name
  BreakerKind kind = BreakerKind::StateMachine;
  /// The state member; for an isolation breaker its tripped flag, whose open state is true,
  /// closed state false, and half-open state empty.
  std::string stateField, stateType;
  std::string openState, halfOpenState, closedState;
  bool stateAtomic = false;
  std::vector<std::string> mutexes; // mutex members, and mutexes the methods lock
  std::vector<std::string> atomics; // atomic members other than the state
  /// A thread or sequence checker member, or an instance declared thread_local: the class
  /// says it is used from one thread.
  bool threadConfined = false;
  std::vector<BreakerStateWrite> stateWrites; // in source order
  std::vector<HalfOpenCall> halfOpenCalls;    // in source order
  std::optional<IsolationGrowth> isolationGrowth; // isolation breakers
};

const char *toString(StateWriteKind);
const char *toString(ProbeGuardKind);
const char *toString(GuardFlaw);
const char *toString(AdmissionKind);
const char *toString(BreakerKind);

void to_json(nlohmann::ordered_json &, const Breaker &);
/// Throws nlohmann::json::exception (or std::invalid_argument) on a malformed document.
void from_json(const nlohmann::json &, Breaker &);
class FactsValue;
void readFacts(const FactsValue &, Breaker &);

} // namespace retrylint

#endif // RETRYLINT_BREAKER_FACTS_H
