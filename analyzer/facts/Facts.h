// Per-TU facts: the plain data that the frontend extracts from one translation unit and
// that every check reads. No AST survives into these types, so facts can be written to
// disk on one machine and linked on another (see docs/architecture.md).
#pragma once

#include "facts/FilePath.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// A source range, with the text of its first line so that a report needs no source file.
struct SourceSpan {
  FilePath file; // absolute, normalised path
  unsigned line = 0, column = 0, endLine = 0, endColumn = 0; // 1-based; end is exclusive
  std::string lineText;        // the line, or an excerpt of a very long one (LineExcerpt.h)
  unsigned lineTextColumn = 1; // the column of lineText's first byte
};

/// A replacement of `span` by `replacement` (a fix-it).
struct FixIt {
  SourceSpan span;
  std::string replacement;
  std::string description;
};

/// How many times a retry loop runs its operation.
struct AttemptBound {
  /// UntilStopped: no attempt cap, but a stop flag or lifecycle check ends it (a worker).
  enum class Kind { Unknown, Constant, Symbolic, Deadline, Unbounded, UntilStopped };
  Kind kind = Kind::Unknown;
  int64_t count = 0;  // Constant: the attempts, counted as the user would
  std::string symbol; // Symbolic: what bounds it; UntilStopped, Unbounded: the stop condition
  int64_t offset = 0; // Symbolic: attempts = symbol + offset (attempt <= max from 0: + 1)
  bool exact = true;  // Symbolic: false when a helper compares, so the count is only bounded by it
  /// Symbolic: the bound visibly defaults to INT_MAX, SIZE_MAX or numeric_limits::max().
  bool effectivelyUnbounded = false;
  std::string defaultText; // that default, as written
};

enum class JitterKind { None, Full, Equal, Decorrelated, Proportional, Unknown };
enum class GrowthKind { None, Constant, Linear, Exponential, Unknown };

/// The delay between attempts, as far as the frontend could evaluate it.
struct DelayShape {
  GrowthKind growth = GrowthKind::None;
  double multiplier = 0; // Exponential: factor per attempt, when constant
  SourceSpan growthSpan; // where the delay grows (delay *= 2, 1 << attempt); line 0 if unknown
  bool shiftOverflows = false; // 1 << attempt can reach the width of the shifted type
  bool capped = false;   // a std::min / clamp / if-guard bounds the delay
  /// Linear on one branch and exponential on another (a policy enum read at run time): the
  /// growth is one of the two, and `growth` says only that it grows.
  bool growthByBranch = false;
  JitterKind jitter = JitterKind::None;
  std::string randomSource; // the call that makes the delay random, when jittered
};

struct DelayPolicy; // facts/PolicyFacts.h

/// A call that makes the thread wait between attempts.
struct SleepSite {
  SourceSpan span;       // the sleep call (or the call of a helper that sleeps)
  std::string sleepCall; // e.g. std::this_thread::sleep_for, usleep
  /// A wait whose delay the model cannot see (Waiter::WaitFor, a project's Backoff()
  /// defined elsewhere): the loop waits, for how long is not known.
  bool unseen = false;
  std::vector<double> scheduleMs; // one delay per sleep executed under full failure
  // A jittered delay has no schedule but bounds: its delays when every random draw takes its
  // lowest value, and its highest (full jitter: 0 and the capped exponential). Else empty.
  std::vector<double> lowestMs, highestMs;
  std::optional<FixIt> jitterFix; // full jitter, when the delay is one simple expression
  /// The delay comes from a delay policy: a function or lambda that maps an attempt or a
  /// backoff state to a delay, or backoff state kept in a member (the field's USR). The link
  /// joins the sleep to the policy when the USR resolves to exactly one (DelayPolicy).
  std::string delayPolicyUsr;
  // Set by the link, not serialised: the policy joined (it lives in Program::tus), for the
  // messages.
  const DelayPolicy *policy = nullptr;
};

/// What supports reading a loop as a retry beyond its shape. Names raise confidence;
/// they never make a retry on their own (docs/usage.md#confidence).
struct RetryEvidence {
  bool classifiesFailure = false; // tests a kind of failure: IsRetryable(s), UNAVAILABLE, a caught type
  bool waits = false;             // waits between attempts: a sleep, a timed wait, a project's wait
  bool bounded = false;           // an attempt counter compared with a bound, or a deadline
  bool retryNames = false;        // retry, attempt, backoff, tries, reconnect in its names
};

enum class Confidence { Low, Medium, High };
Confidence confidenceOf(const RetryEvidence &);

/// A call in a loop to a function with no body in the TU: if the link finds that it waits
/// (in another TU), the loop waits through it.
struct OpaqueCall {
  std::string usr;
  std::string name;
  SourceSpan span;
};

/// A re-invocation through a helper whose body is in another TU (`retrier_.DelayedRetry(this,
/// s)`): the helper runs a method of the object later only if its facts say so, and waits as
/// they say. The link looks the helper up (HelperSchedule) and drops the site when it does not
/// schedule one of `methodUsrs` on the parameter `param`.
struct ScheduledThrough {
  std::string helperUsr; // empty: the re-invocation is seen whole in its TU
  int param = -1;
  std::vector<std::string> methodUsrs; // the methods whose re-run closes the cycle, as declared
                                       // in the parameter's class
};

/// A loop that re-invokes an operation when it fails and leaves when it succeeds.
struct RetryLoop {
  std::string functionUsr;
  std::string functionName;
  SourceSpan loop; // the loop keyword
  AttemptBound attempts;
  DelayShape delay;
  std::vector<SleepSite> sleeps;
  bool sleepsAfterFinalAttempt = false;
  std::vector<std::string> retriedCallUsrs; // callees in the retried region
  std::string budgetCall; // the budget or throttle consulted before a retry; empty if none
  // A retry helper retries a callable parameter (Retry(int max_attempts, Fn fn)): the
  // indexes of that parameter and of the one that bounds the attempts, or -1.
  int callableParam = -1;
  int attemptsParam = -1;
  // Calls that run before each retry and can stop it (their answer is tested, or they
  // block): the link counts the loop as budgeted when one is a recognised budget's
  // predicate or helper (BudgetFacts.h).
  std::vector<std::string> retryGateUsrs;
  RetryEvidence evidence;
  std::vector<OpaqueCall> opaqueCalls;
  /// A retry with no loop statement: the function whose failure path calls it again (directly,
  /// from a catch, or through a callable handed to a timer, scheduler or continuation). `loop`
  /// is then the re-invoking call and the sleep, if any, the call that schedules it. Empty for
  /// a loop.
  std::string reinvokes;
  ScheduledThrough scheduledThrough;
  /// Set by the link, not serialised: whether the loop is reported (its confidence reaches
  /// the run's threshold, --min-confidence); below it, it is no retry layer either.
  Confidence confidence = Confidence::Low;
  bool reported = true;
};

/// A NOLINT comment, with the check globs in its parentheses (empty: every check).
struct Suppression {
  enum class Kind { Line, NextLine, Begin, End };
  Kind kind = Kind::Line;
  std::string file;
  unsigned line = 0, column = 0;
  std::string checks;
  std::string lineText;
};

/// A compile problem: the TU's facts are then what the recovered AST supports.
struct CompileProblem {
  SourceSpan span;
  std::string message;
};

/// A retrying layer inside a library, at a call into it: the client or helper called retries
/// by its own policy (an SDK's retry strategy, a gRPC service config's retryPolicy). See
/// docs/library-policies.md.
struct LibraryLayer {
  std::string library;   // "aws-sdk-cpp", "gRPC", "folly", "google-cloud-cpp"
  std::string policy;    // the message's words: "the gRPC service config's retryPolicy (maxAttempts 4)"
  AttemptBound attempts; // Constant; Symbolic when the count is not a constant; Deadline when time-bounded
  /// The library's own retry budget (gRPC retryThrottling, the AWS retry quota): the share of
  /// requests it may retry once its tokens are spent. Negative: none.
  double budgetCeiling = -1;
  SourceSpan configured; // where the policy is chosen; line 0 when it is the library's default
};

// The call graph for the fan-out model: which functions a function calls, and which of
// those calls sit inside a retry (a retry loop, or a retry helper's callable).

/// An argument of a call, as written and, when the compiler can evaluate it, its value.
struct CallArgument {
  std::string text;  // "3", "max_attempts_"
  int64_t value = 0; // valid when known
  bool known = false;
};

/// One call made by a function.
struct CallEdge {
  std::string calleeUsr;  // a function, a method, or a lambda's call operator
  std::string calleeName; // for the report, also when the callee has no body anywhere
  SourceSpan span;        // the call
  int retryLoop = -1;     // this TU's retry loop whose retried region holds the call, or -1
  bool isVirtual = false; // dispatched: the link takes the worst override
  // A callable passed to another function (Retry(3, [&] { ... })): the edge goes to the
  // callable, through `helperUsr`. If the link finds that helper retries its parameter
  // `callableArg`, the edge is multiplied by the helper's attempts for this call.
  std::string helperUsr;
  int callableArg = -1;
  std::vector<CallArgument> args; // the call's arguments (on a callable's edge)
  /// The call goes into a library that retries it by its own policy: a layer below this call
  /// (on a callable's edge: around the callable, as folly::futures::retrying does). Null for
  /// most calls; shared, not inline: an edge is 216 bytes, a layer 232, and a million
  /// functions have three million edges (bench/link-scale.sh).
  std::shared_ptr<const LibraryLayer> library;
};

/// A helper that runs a method of an object it is handed later, after a wait: `void
/// Retrier::DelayedRetry(Rpc *rpc, Status s)` arms a timer whose callback calls rpc->Send().
/// Recorded where the helper is defined; the link reads it for the re-invocations through it
/// made in other TUs (ScheduledThrough).
struct HelperSchedule {
  std::string helperUsr;
  int param = 0;          // the parameter the object comes in
  std::string methodUsr;  // the method run on it, as called (maybe a base's virtual method)
  std::string methodName;
  SleepSite sleep;        // the call that schedules it, and its delay
  DelayShape delay;
  AttemptBound attempts;  // Deadline when the helper tests one before it re-runs; else Unbounded
};

struct FunctionSummary {
  std::string usr;
  std::string name;
  SourceSpan span;
  bool waits = false; // sleeps or waits, itself or through a callee in its TU
  std::vector<CallEdge> calls;
  std::vector<std::string> overrides; // methods this one overrides (virtual dispatch)
};

} // namespace retrylint

#include "facts/BreakerFacts.h" // after SourceSpan, which it uses
#include "facts/BudgetFacts.h"  // likewise
#include "facts/PolicyFacts.h"  // likewise

namespace retrylint {

/// Everything the frontend knows about one translation unit.
struct TUFacts {
  std::string mainFile;
  bool complete = true; // false when the TU had compile errors or could not be read
  /// How retrylint itself failed on this TU ("crashed (Segmentation fault, signal 11)",
  /// "timed out after 60 s", "failed: the facts file is unusable (...)"); empty when it
  /// did not. Its facts are then lost, not just incomplete, and `complete` is false.
  std::string analyzerFailure;
  /// Headers that an #include named and no include path held, as written; the parse
  /// skipped them and went on (the TU is incomplete).
  std::vector<std::string> missingHeaders;
  std::vector<CompileProblem> problems;
  std::vector<RetryLoop> retryLoops;
  std::vector<Suppression> suppressions; // NOLINT comments of the files holding facts
  std::vector<FunctionSummary> functions; // the call graph, for the fan-out model
  /// Every file the parse read. Not serialised: the facts cache keys on it (FactsCache).
  std::vector<std::string> inputs;
  std::vector<Breaker> breakers;
  std::vector<Budget> budgets;
  std::vector<DelayPolicy> delayPolicies;
  std::vector<HelperSchedule> helperSchedules;
};

const char *toString(AttemptBound::Kind);
const char *toString(Confidence);
const char *toString(JitterKind);
const char *toString(GrowthKind);
const char *toString(Suppression::Kind);

} // namespace retrylint
