// The recognition vocabulary: what a call is to the retry models (a sleep and where its
// delay is, a wait, a random draw, a clock read, a budget gate, an in-process operation that
// is never a retried dependency...). Each entry is a Clang AST matcher registered in one
// MatchFinder (Vocabulary.cpp), the way clang-tidy checks register theirs, so a new sleep
// API or failure classifier is one line there. The flow models (loop anatomy, failure
// simulation) stay imperative and ask the vocabulary about the calls they meet; answers
// are matched once per call and memoised.
#pragma once

#include "frontend/ast/CallNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <bitset>
#include <memory>

namespace retrylint {

enum class CallRole : unsigned {
  Sleep,             // waits the delay in an argument (sleep_for, usleep, SleepFor)
  TimedWait,         // waits for a notification or a timeout (cv.wait_for, cnd_timedwait)
  ReadinessWait,     // waits for I/O readiness or an event (poll, select, epoll_wait)
  SpinPause,         // yields the CPU for an instant (yield, _mm_pause): spinning, not backing off
  MayWait,           // a project's wait, sleep or backoff whose delay is not visible here
  RandomSource,      // rand(), <random>, absl::Uniform, a project's jitter helper
  ClockRead,         // now(), absl::Now, clock_gettime, MonoTime::Now
  CompareExchange,   // compare_exchange_*, CAS builtins
  LockAttempt,       // try_lock on an in-process lock
  BudgetGate,        // asks a retry budget, throttle, quota or send token for permission
  FailureClassifier, // IsRetryable(s), IsUnavailable(s): names a kind of failure
  InProcess,         // containers, strings, atomics, memory: never a retried dependency
  Query,             // accessors and computations: size(), ok(), min(), duration_cast
  Lifecycle,         // stop_requested(), IsShuttingDown(): whether to go on at all
  // Running a callable later: a timer or a delayed schedule that waits on a backoff member.
  TimerArm,          // sets when a timer fires: expires_after(d), expires_from_now(d), expires_at(t)
  ScheduleAfter,     // runs a callable after a delay: ScheduleOnReactor(fn, d), uv_timer_start, runAfter
  Count
};

/// What the vocabulary knows about a declaration, by its name.
enum class DeclRole : unsigned {
  DelayPolicyName,  // a function whose name says it gives a delay: NextBackoffMs, CalculateDelay
  RetryPolicyClass, // a class whose name says it is a retry or backoff policy: Backoff, RetryStrategy
  Count
};

/// What the vocabulary knows about one call.
struct CallKind {
  std::bitset<static_cast<size_t>(CallRole::Count)> roles;
  SleepCallInfo delay{0, DelayUnit::Duration}; // Sleep, TimedWait: the delay's argument
  /// TimerArm, ScheduleAfter: the delay's argument; ~0u when it is found by its type (the
  /// first argument that is a duration or a number).
  SleepCallInfo scheduleDelay{~0u, DelayUnit::Milliseconds};
  bool is(CallRole r) const { return roles.test(static_cast<size_t>(r)); }
};

class Vocabulary {
public:
  explicit Vocabulary(clang::ASTContext &ctx);
  ~Vocabulary();
  Vocabulary(const Vocabulary &) = delete;
  Vocabulary &operator=(const Vocabulary &) = delete;

  /// A call (CallExpr) or a construction (CXXConstructExpr: a distribution built here).
  const CallKind &of(const clang::Expr *call);
  bool is(const clang::Expr *call, CallRole role) { return of(call).is(role); }
  /// A function or record declaration's role by its name (DeclRole).
  bool declIs(const clang::NamedDecl *decl, DeclRole role);

  /// An argument of a duration type (std::chrono, absl::Duration, MonoDelta, TimeDelta...):
  /// a call that takes one may wait that long.
  static bool isDurationType(clang::QualType t);

  /// The vocabulary of the TU being analysed on this thread (see VocabularyScope).
  static Vocabulary &current();

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Makes a vocabulary current for one TU's analysis on this thread. The models are free
/// functions called from many places; the vocabulary belongs to the TU like its ASTContext.
class VocabularyScope {
public:
  explicit VocabularyScope(clang::ASTContext &ctx);
  ~VocabularyScope();

private:
  Vocabulary vocabulary;
  Vocabulary *previous;
};

/// True when `e` contains a call with `role`, looking `depth` levels into helpers defined
/// in this TU (a same-TU AddJitter(d) counts as its body's calls).
bool callsWithRole(const clang::Stmt *e, CallRole role, unsigned depth = 2);

} // namespace retrylint
