#include "frontend/ast/Vocabulary.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/NameRegex.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <cassert>
#include <deque>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>

using namespace clang;
using namespace clang::ast_matchers;

namespace retrylint {
namespace {

/// The callee's names, computed once per call for all the matchers that read them: printing a
/// qualified name is the costliest part of matching a call. Valid during one Vocabulary::of().
struct CalleeNames {
  const CallExpr *call = nullptr;
  std::string qualified, unqualified;
};
thread_local CalleeNames calleeNames;

const CalleeNames &namesOf(const CallExpr &call) {
  if (calleeNames.call != &call) {
    calleeNames.call = &call;
    calleeNames.qualified = calleeName(&call);
    calleeNames.unqualified = unqualified(calleeNames.qualified);
  }
  return calleeNames;
}

/// `names` in hasAnyName's syntax ("::a::b" exactly, "b" in any scope) against the callee's
/// name as calleeName() prints it: for calls a template leaves unresolved.
AST_MATCHER_P(CallExpr, unresolvedCallTo, std::vector<std::string>, names) {
  if (Node.getDirectCallee())
    return false;
  const CalleeNames &callee = namesOf(Node);
  for (const std::string &n : names) {
    llvm::StringRef name(n);
    if (name.consume_front("::") ? callee.qualified == name : callee.unqualified == name)
      return true;
  }
  return false;
}

/// The unqualified callee name matches `regex` (also for unresolved calls).
AST_MATCHER_P(CallExpr, calleeNameMatches, std::shared_ptr<NameRegex>, regex) {
  const std::string &name = namesOf(Node).unqualified;
  return !name.empty() && regex->match(name);
}

/// The qualified name of the class a member call is made on matches `regex`.
AST_MATCHER_P(CallExpr, onClassNamed, std::shared_ptr<NameRegex>, regex) {
  const std::string &name = namesOf(Node).qualified;
  const std::string &member = namesOf(Node).unqualified;
  if (name.size() <= member.size() + 2)
    return false;
  return regex->match(name.substr(0, name.size() - member.size() - 2));
}

/// A project's budget functions (--budget-functions), read when the TU starts.
AST_MATCHER(CallExpr, namedAsProjectBudgetFunction) {
  const CalleeNames &names = namesOf(Node);
  for (const std::string &f : projectBudgetFunctions())
    if (names.unqualified == f || names.qualified == f)
      return true;
  return false;
}

AST_MATCHER(QualType, durationLike) { return Vocabulary::isDurationType(Node); }

/// The calls that are the operand of a `co_await` or `co_yield` (through the temporaries around
/// a returned awaitable), collected once per TU from the code outside system headers. Asking
/// the ASTContext for parents instead builds a parent map of the whole TU, standard headers
/// included: a tenth of a parse.
class AwaitedCalls {
public:
  bool contains(const CallExpr &call, ASTContext &ctx) {
    if (!collected) {
      collected = true;
      Collector(ctx.getSourceManager(), calls).TraverseAST(ctx);
    }
    return calls.count(&call) > 0;
  }

private:
  struct Collector : RecursiveASTVisitor<Collector> {
    Collector(const SourceManager &sm, llvm::DenseSet<const CallExpr *> &calls) : sm(sm), calls(calls) {}
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool TraverseDecl(Decl *d) {
      if (d && !isa<TranslationUnitDecl>(d) && sm.isInSystemHeader(d->getLocation()))
        return true;
      return RecursiveASTVisitor::TraverseDecl(d);
    }
    bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *e) { return note(e->getOperand()); }
    bool VisitDependentCoawaitExpr(DependentCoawaitExpr *e) { return note(e->getOperand()); }
    bool note(const Expr *e) {
      while (e && isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr, ParenExpr,
                      ExprWithCleanups>(e))
        e = cast<Expr>(*e->child_begin());
      if (const auto *call = dyn_cast_or_null<CallExpr>(e))
        calls.insert(call);
      return true;
    }
    const SourceManager &sm;
    llvm::DenseSet<const CallExpr *> &calls;
  };
  bool collected = false;
  llvm::DenseSet<const CallExpr *> calls;
};

AST_MATCHER_P(CallExpr, awaitedIn, AwaitedCalls *, calls) {
  return calls->contains(Node, Finder->getASTContext());
}

/// The qualified name of a declaration, "::" first, matches `regex` (what matchesName reads,
/// with RE2).
AST_MATCHER_P(NamedDecl, qualifiedNameMatches, std::shared_ptr<NameRegex>, regex) {
  return regex->match("::" + Node.getQualifiedNameAsString());
}

/// The unqualified name of a named declaration matches `regex`.
AST_MATCHER_P(NamedDecl, declNameMatches, std::shared_ptr<NameRegex>, regex) {
  return Node.getDeclName().isIdentifier() && regex->match(Node.getName());
}

/// The vocabulary's patterns, kept for the process rather than built again for each TU's
/// vocabulary: a worker analyses TU after TU, and each pattern is compiled once.
std::shared_ptr<NameRegex> pattern(const char *text, NameRegex::Case c) {
  static std::mutex lock;
  static std::map<std::pair<std::string, NameRegex::Case>, std::shared_ptr<NameRegex>> patterns;
  std::lock_guard<std::mutex> hold(lock);
  std::shared_ptr<NameRegex> &slot = patterns[{text, c}];
  if (!slot)
    slot = std::make_shared<NameRegex>(text, c);
  return slot;
}

std::shared_ptr<NameRegex> re(const char *text) { return pattern(text, NameRegex::IgnoreCase); }

/// A case-sensitive one: NowMicros but not nowhere, IsOpen but not isolate.
std::shared_ptr<NameRegex> reCase(const char *text) { return pattern(text, NameRegex::MatchCase); }

/// The last components of names in hasAnyName's syntax: "::a::b" and "b" give "b".
std::shared_ptr<const llvm::StringSet<>> lastComponents(const std::vector<std::string> &names) {
  auto last = std::make_shared<llvm::StringSet<>>();
  for (llvm::StringRef n : names)
    last->insert(n.rsplit("::").second.empty() ? n : n.rsplit("::").second);
  return last;
}

/// callee(`inner`) for a callee named one of `last` (lastComponents of inner's hasAnyName).
/// Most calls are to none of them: the set look-up saves hasAnyName's walk of the callee's
/// scopes, ten times its cost. A callee without an identifier (an operator) is not looked up.
AST_MATCHER_P2(CallExpr, namedCallee, std::shared_ptr<const llvm::StringSet<>>, last,
               DeclarationMatcher, inner) {
  const FunctionDecl *fd = Node.getDirectCallee();
  if (!fd || (fd->getIdentifier() && !last->contains(fd->getName())))
    return false;
  return inner.matches(*fd, Finder, Builder);
}

/// A call of one of `names` (hasAnyName syntax), resolved or left unresolved by a template.
StatementMatcher callTo(std::vector<std::string> names) {
  std::vector<llvm::StringRef> refs(names.begin(), names.end());
  return callExpr(anyOf(namedCallee(lastComponents(names), functionDecl(hasAnyName(refs))),
                        unresolvedCallTo(names)));
}

/// A call of one of `methods` of one of `classes` (hasAnyName syntax). Class templates are
/// matched by their own name: hasName does not see through a specialization's arguments.
StatementMatcher methodOf(std::vector<std::string> classes, std::vector<std::string> methods) {
  std::vector<llvm::StringRef> c(classes.begin(), classes.end()), m(methods.begin(), methods.end());
  return callExpr(namedCallee(lastComponents(methods), cxxMethodDecl(hasAnyName(m), ofClass(hasAnyName(c)))));
}

/// A member call on, or an operator applied to, an object of a class in namespace std.
StatementMatcher onStdObject() {
  auto stdRecord = hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(isInStdNamespace()))));
  auto stdObject = expr(anyOf(hasType(stdRecord), hasType(pointsTo(stdRecord)),
                              hasType(references(stdRecord))));
  return callExpr(anyOf(cxxMemberCallExpr(on(stdObject)),
                        cxxOperatorCallExpr(hasArgument(0, stdObject))));
}

} // namespace

struct Vocabulary::Impl {
  explicit Impl(ASTContext &ctx) : ctx(ctx) { registerVocabulary(); }

  /// Records what one matcher says about the call being matched.
  struct Recorder : MatchFinder::MatchCallback {
    Recorder(Impl &impl, CallRole role, SleepCallInfo delay) : impl(impl), role(role), delay(delay) {}
    void run(const MatchFinder::MatchResult &result) override {
      CallKind &kind = impl.cache[result.Nodes.getNodeAs<Expr>("call")];
      kind.roles.set(static_cast<size_t>(role));
      if (role == CallRole::Sleep || role == CallRole::TimedWait)
        kind.delay = delay;
      if (role == CallRole::TimerArm || role == CallRole::ScheduleAfter)
        kind.scheduleDelay = delay;
    }
    Impl &impl;
    CallRole role;
    SleepCallInfo delay;
  };

  /// Records a declaration role.
  struct DeclRecorder : MatchFinder::MatchCallback {
    DeclRecorder(Impl &impl, DeclRole role) : impl(impl), role(role) {}
    void run(const MatchFinder::MatchResult &result) override {
      impl.declCache[result.Nodes.getNodeAs<Decl>("decl")].set(static_cast<size_t>(role));
    }
    Impl &impl;
    DeclRole role;
  };
  void addDecl(DeclRole role, DeclarationMatcher matcher) {
    declRecorders.emplace_back(*this, role);
    declFinder.addMatcher(decl(matcher).bind("decl"), &declRecorders.back());
  }

  void add(CallRole role, StatementMatcher matcher, SleepCallInfo delay = {0, DelayUnit::Duration}) {
    recorders.emplace_back(*this, role, delay);
    finder.addMatcher(stmt(matcher).bind("call"), &recorders.back());
  }
  void sleep(unsigned arg, DelayUnit unit, std::vector<std::string> names) {
    add(CallRole::Sleep, callTo(std::move(names)), {arg, unit});
  }
  void timedWait(unsigned arg, DelayUnit unit, std::vector<std::string> names) {
    add(CallRole::TimedWait, callTo(std::move(names)), {arg, unit});
  }

  // The vocabulary. Names follow hasAnyName: "::a::b" is exact, "b" is any b.
  void registerVocabulary() {
    // Sleeps and where their delay is.
    sleep(0, DelayUnit::Duration, {"::std::this_thread::sleep_for", "::boost::this_thread::sleep_for",
                                   "::absl::SleepFor", "SleepFor"});
    sleep(0, DelayUnit::TimePoint, {"::std::this_thread::sleep_until", "::boost::this_thread::sleep_until"});
    sleep(0, DelayUnit::Microseconds, {"::usleep"});
    sleep(0, DelayUnit::Seconds, {"::sleep"});
    sleep(0, DelayUnit::Milliseconds, {"::Sleep", "::SleepEx", "SleepForMilliseconds"});
    sleep(0, DelayUnit::Microseconds, {"SleepForMicroseconds"});
    sleep(0, DelayUnit::Timespec, {"::nanosleep"});
    sleep(2, DelayUnit::Timespec, {"::clock_nanosleep"});
    // A coroutine library's timer, awaited: co_await coro::sleep_for(d), co_await async_sleep(d).
    // (awaitedIn() last: it collects the TU's co_await operands on first use.)
    add(CallRole::Sleep, callExpr(calleeNameMatches(re("^(async_?)?(sleep|sleep_?for|delay|delay_?for)$")),
                                  hasArgument(0, hasType(durationLike())), awaitedIn(&awaitedCalls)),
        {0, DelayUnit::Duration});
    // A condition variable waited on with a timeout: a sleep that a notification can end.
    std::vector<std::string> conditionVariables = {"::std::condition_variable", "::std::condition_variable_any",
                               "::std::_V2::condition_variable_any", "::boost::condition_variable"};
    add(CallRole::TimedWait, methodOf(conditionVariables, {"wait_for"}), {1, DelayUnit::Duration});
    add(CallRole::TimedWait, methodOf(conditionVariables, {"wait_until"}), {1, DelayUnit::TimePoint});
    add(CallRole::TimedWait, methodOf({"::std::future", "::std::shared_future"}, {"wait_for"}),
        {0, DelayUnit::Duration});
    // Absolute deadlines in a timespec: a wait whose delay is not a plain duration.
    add(CallRole::TimedWait, callTo({"::pthread_cond_timedwait", "::cnd_timedwait", "::sem_timedwait",
                                     "::pthread_mutex_timedlock", "::mtx_timedlock"}),
        {~0u, DelayUnit::TimePoint});
    add(CallRole::TimedWait, callTo({"::pthread_cond_wait", "::cnd_wait"}), {~0u, DelayUnit::Duration});
    add(CallRole::TimedWait, methodOf(conditionVariables, {"wait"}), {~0u, DelayUnit::Duration});
    add(CallRole::TimedWait, methodOf({"::std::future", "::std::shared_future"}, {"wait", "get"}),
        {~0u, DelayUnit::Duration});
    add(CallRole::ReadinessWait, callTo({"::poll", "::ppoll", "::select", "::pselect", "::epoll_wait",
                                         "::epoll_pwait", "::WSAPoll", "::uv_run", "::event_base_loop",
                                         "::event_base_dispatch"}));
    add(CallRole::ReadinessWait, callExpr(calleeNameMatches(re("^(poll|wait_?for_?(socket|fd|event|readable|writable)|wait_?readable|wait_?writable)"))));
    add(CallRole::SpinPause, callTo({"::std::this_thread::yield", "::boost::this_thread::yield", "::sched_yield",
                                     "::pthread_yield", "_mm_pause", "__builtin_ia32_pause", "::YieldProcessor",
                                     "::SwitchToThread"}));
    add(CallRole::SpinPause, callExpr(calleeNameMatches(re("^(cpu_?relax|spin_?pause|pause_?cpu|spin_?wait_?hint|cpu_?pause)$"))));
    // A project's own wait: Waiter::WaitFor, ctx->Sleep(d), client->SleepBeforeRetry(),
    // LogAndBackoff(). Getters and setters of a delay compute it; they do not wait.
    add(CallRole::MayWait,
        callExpr(calleeNameMatches(re("(sleep|wait|backoff|back_off|delay)")),
                 unless(calleeNameMatches(re("^(get|set|next|compute|calc|calculate|update|reset|on|is|has|should|can|with|clear|make|new|create|init|add|remove|notify)|^retry|with_?(backoff|retr)")))));

    add(CallRole::RandomSource, callTo({"::rand", "::random", "::rand_r", "::drand48", "::erand48", "::lrand48",
                                        "::nrand48", "::mrand48", "::jrand48", "::arc4random",
                                        "::arc4random_uniform", "::getrandom"}));
    // A project's generator class draws in every method (kudu::Random::NextDoubleFraction).
    auto randomClass = re("(_distribution|_engine|random_device|mt19937|minstd_rand|ranlux|knuth_b|BitGen|^absl::.*(Uniform|Bernoulli|Gaussian|Exponential)|(^|::)[A-Za-z_]*(Random|Rng|RNG)$)");
    add(CallRole::RandomSource, callExpr(onClassNamed(randomClass)));
    add(CallRole::RandomSource, cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(
                                    cxxRecordDecl(qualifiedNameMatches(reCase("(_distribution|::absl::.*Uniform)"))))))));
    add(CallRole::RandomSource, callTo({"::absl::Uniform", "::absl::Bernoulli", "::absl::Gaussian",
                                        "::absl::Exponential", "::absl::LogUniform"}));
    // A project's helper: AddJitter, FullJitter, RandomDelay, NextRandom, Rng::Next.
    add(CallRole::RandomSource, callExpr(calleeNameMatches(re("(jitter|random|uniform|^rng$|^rand)"))));

    add(CallRole::ClockRead, callTo({"now", "Now", "NowMicros", "NowNanos", "::absl::Now", "::time",
                                     "::clock_gettime", "::gettimeofday", "::clock", "::GetTickCount64",
                                     "::GetTickCount", "MonotonicNow", "SteadyNow", "GetMonoTimeMicros",
                                     "GetCurrentTimeMicros"}));
    // A clock service's reading (time_service_->WalltimeWithError(&now, &err)): polling it
    // until it is synchronised waits for local state; it retries no dependency.
    add(CallRole::ClockRead, callExpr(calleeNameMatches(re("^(get_?)?(wall_?time|mono_?time|clock_?now)"))));
    // NowMicros(), now_ms(), MonotonicNow(): a project's clock by its name.
    add(CallRole::ClockRead, callExpr(calleeNameMatches(reCase(
                                 "^([Nn]ow([A-Z_]|$)|(Monotonic|Steady|monotonic_|steady_)[Nn]ow$)"))));
    add(CallRole::CompareExchange,
        callExpr(calleeNameMatches(re("^(compare_exchange|atomic_compare_exchange|__atomic_compare_exchange|__sync_bool_compare|__sync_val_compare|CompareAndSwap$|InterlockedCompareExchange|Acquire_CompareAndSwap|Release_CompareAndSwap|NoBarrier_CompareAndSwap)"))));
    // Only in-process locks: a ZooKeeperLock::TryLock is a remote call worth retrying well.
    add(CallRole::LockAttempt, callTo({"::pthread_mutex_trylock", "::pthread_spin_trylock", "::sem_trywait",
                                       "::pthread_rwlock_trywrlock", "::pthread_rwlock_tryrdlock",
                                       "::mtx_trylock"}));
    add(CallRole::LockAttempt, callExpr(calleeNameMatches(re("^(try_?lock|try_?lock_shared|reader_?try_?lock|try_?acquire)$")),
                                        onClassNamed(re("^(std|boost|absl)::|(mutex|spin_?lock|semaphore)[^:]*$"))));
    add(CallRole::LockAttempt, callExpr(calleeNameMatches(re("^(test_and_set|TestAndSet)$"))));
    add(CallRole::LockAttempt, callExpr(calleeNameMatches(re("^(timed_?acquire|try_?acquire_?(for|until)|try_?lock_?(for|until)|acquire)$")),
                                        onClassNamed(re("(semaphore|mutex|spin_?lock|latch)[^:]*$"))));

    // Budgets, throttles, quotas and send tokens asked before a retry.
    add(CallRole::BudgetGate, callExpr(namedAsProjectBudgetFunction()));
    add(CallRole::BudgetGate, callTo({"TryRetry", "CanRetry", "AllowRetry", "AcquireRetry", "TryAcquireRetry",
                                      "WithdrawRetry", "TryWithdraw", "try_retry", "can_retry", "allow_retry"}));
    add(CallRole::BudgetGate, callExpr(calleeNameMatches(re("^(acquire|try_?acquire|allow|try_?consume|consume|withdraw|take|try_?take)$")),
                                       onClassNamed(re("(budget|bucket|limiter|throttl|quota)[^:]*$"))));
    add(CallRole::BudgetGate, callExpr(calleeNameMatches(re("(send_?token|retry_?token|retry_?quota|quota|permit|rate_?limit|throttle)")),
                                       calleeNameMatches(re("(acquire|take|consume|try|get|reserve|withdraw|allow|check|has)"))));

    // Classifiers of a failure: IsRetryable(status), IsUnavailable(s), ShouldRetry(err).
    add(CallRole::FailureClassifier,
        callExpr(calleeNameMatches(re("(retr(y|i)able|should_?retry|transient|unavailable|timed_?out|timeout|again|busy|throttl|overload|temporar|refused|network_?error|connection_?(error|lost|reset)|deadline_?exceeded|aborted)"))));

    // In-process work: containers, strings, atomics and memory never reach a dependency.
    // A std::function, future or task stands for the work it runs: that may be remote.
    auto stdRunsWork = anyOf(methodOf({"::std::function", "::std::packaged_task"}, {"operator()"}),
                             methodOf({"::std::future", "::std::shared_future"}, {"get", "wait"}),
                             methodOf({"::std::thread"}, {"join"}),
                             callTo({"::std::this_thread::sleep_for", "::std::this_thread::sleep_until",
                                     "::std::async", "::std::invoke", "::std::apply", "::std::getline"}));
    add(CallRole::InProcess, callExpr(onStdObject(), unless(stdRunsWork)));
    add(CallRole::InProcess, callExpr(callee(functionDecl(isInStdNamespace())), unless(stdRunsWork)));
    add(CallRole::InProcess,
        callTo({"::strcmp", "::strncmp", "::strcasecmp", "::strncasecmp", "::strstr", "::strchr", "::strrchr",
                "::strlen", "::strnlen", "::strspn", "::strcspn", "::strpbrk", "::strtok", "::strtok_r",
                "::memcmp", "::memchr", "::memcpy", "::memmove", "::memset", "::strtol", "::strtoul",
                "::strtoll", "::strtoull", "::strtod", "::atoi", "::atol", "::sscanf", "::snprintf",
                "::sprintf", "::isalpha", "::isdigit", "::isspace", "::tolower", "::toupper"}));
    add(CallRole::InProcess, callExpr(calleeNameMatches(re("^(__atomic_|__sync_|OPENSSL_sk_|sk_)"))));
    // Closing a libuv loop waits for its own handles to close: local state.
    add(CallRole::InProcess, callTo({"::uv_loop_close", "::uv_loop_alive", "::uv_is_closing", "::uv_is_active"}));
    // A ready future made from a value: wraps what the real call returned.
    add(CallRole::InProcess, callTo({"::folly::makeFuture", "::folly::makeSemiFuture"}));

    // Accessors and computations: they compute; they do not attempt anything.
    add(CallRole::Query, callTo({"count", "size", "empty", "length", "load", "min", "max", "clamp", "pow",
                                 "duration_cast", "ok", "status", "value", "code", "error", "message",
                                 "what", "has_value", "c_str", "str", "data", "front", "back", "begin",
                                 "end", "__errno_location", "ToString", "to_string"}));
    // WaitNoBlock(), try_wait(): whether a child or a task has finished, asked without waiting.
    add(CallRole::Query, callExpr(calleeNameMatches(re("^(wait_?no_?block|wait_?nohang|try_?wait)$"))));
    // A loop that watches a child it started for an early exit waits for that process to
    // come up: its probe of the new server fails only while the child is booting.
    add(CallRole::ReadinessWait, callExpr(calleeNameMatches(re("^(wait_?no_?block|wait_?nohang)$"))));
    // Messenger::GetInstanceCount(), pending_size(): a count read with no argument.
    add(CallRole::Query, callExpr(argumentCountIs(0), calleeNameMatches(re("^(get_?)?[a-z_]*(count|size|length)$"))));
    // IsConnected(), HasNext(), is_open(): a question about state, not an attempt.
    add(CallRole::Query, callExpr(calleeNameMatches(reCase("^(is|has|Is|Has)([A-Z_]|$)"))));
    // Lifecycle checks ask whether to go on at all; status queries whether work finished
    // elsewhere (poll_ready(job), op.Done()).
    add(CallRole::Lifecycle, callExpr(calleeNameMatches(re("(stop|shutdown|shutting|cancel|terminat|ready|done|^(is|has)_?(closed|closing|running|alive|exiting|open))"))));

    // Running a callable later. A delay argument of ~0u is found by its type: the first one
    // that is a duration or a number (ScheduleOnReactor(fn, delay), timer.start(loop, ms, cb)).
    const SleepCallInfo anyDelay{~0u, DelayUnit::Milliseconds};
    add(CallRole::TimerArm, callExpr(calleeNameMatches(re("^(expires_after|expires_from_now)$"))), {0, DelayUnit::Duration});
    add(CallRole::TimerArm, callExpr(calleeNameMatches(re("^expires_at$"))), {0, DelayUnit::TimePoint});
    add(CallRole::ScheduleAfter, callTo({"::uv_timer_start"}), {2, DelayUnit::Milliseconds});
    add(CallRole::ScheduleAfter, callExpr(calleeNameMatches(re("^(schedule_?on_?reactor|run_?after(_?delay)?|after_?delay|schedule_?after|post_?delayed(_?task)?|call_?later|schedule_?timeout|add_?timer|run_?delayed|schedule|schedule_?in|delay_?execution)$"))), anyDelay);
    add(CallRole::ScheduleAfter, callExpr(calleeNameMatches(re("^(start|arm|schedule|reset|restart|async_?wait_?for)$")), onClassNamed(re("timer[^:]*$"))), anyDelay);


    // Declarations by name.
    addDecl(DeclRole::DelayPolicyName, functionDecl(declNameMatches(re("(backoff|back_off|delay|sleep_?(time|duration|interval)|wait_?(time|duration|interval)|retry_?(interval|wait|pause)|reconnect_?(interval|wait))")),
                                                    unless(declNameMatches(re("^(set|reset|clear|on|is|has|should|can|add|remove|with|enable|disable|notify|cancel|stop|start|log|record|report|print|dump|to_?string|debug)")))));
    addDecl(DeclRole::RetryPolicyClass, cxxRecordDecl(declNameMatches(re("((retry|retries|backoff|back_off|reconnect(ion)?|redial)_?(policy|strategy|schedule|scheduler|calculator|performer|state|timer)?$|^backoff|delay_?(policy|strategy|calculator|schedule))"))));
  }


  ASTContext &ctx;
  AwaitedCalls awaitedCalls;
  MatchFinder finder, declFinder;
  std::deque<Recorder> recorders;
  std::deque<DeclRecorder> declRecorders;
  std::unordered_map<const Expr *, CallKind> cache;
  std::unordered_map<const Decl *, std::bitset<static_cast<size_t>(DeclRole::Count)>> declCache;
};

Vocabulary::Vocabulary(ASTContext &ctx) : impl(std::make_unique<Impl>(ctx)) {}
Vocabulary::~Vocabulary() = default;

const CallKind &Vocabulary::of(const Expr *call) {
  auto it = impl->cache.find(call);
  if (it != impl->cache.end())
    return it->second;
  impl->cache[call]; // matched, even if nothing matches
  impl->finder.match(*call, impl->ctx);
  calleeNames.call = nullptr; // the next AST may reuse this address
  return impl->cache[call];
}

bool Vocabulary::declIs(const NamedDecl *decl, DeclRole role) {
  if (!decl)
    return false;
  auto it = impl->declCache.find(decl);
  if (it == impl->declCache.end()) {
    impl->declCache[decl]; // matched, even if nothing matches
    impl->declFinder.match(*decl, impl->ctx);
    it = impl->declCache.find(decl);
  }
  return it->second.test(static_cast<size_t>(role));
}

bool Vocabulary::isDurationType(QualType t) {
  t = t.getNonReferenceType().getUnqualifiedType();
  const auto *rd = t->getAsCXXRecordDecl();
  if (!rd)
    return false;
  std::string name = rd->getQualifiedNameAsString();
  static const NameRegex Duration("(^std::chrono::duration$|^boost::(chrono::duration|posix_time::.*)$|"
                                  "^absl::Duration$|(Duration|Delta|Interval|Timeout)$)",
                                  NameRegex::MatchCase);
  return Duration.match(name);
}

namespace {
thread_local Vocabulary *currentVocabulary = nullptr;

/// callsWithRole() over a helper's body, remembered for the TU: the models ask about the same
/// helpers for every call of them. Cleared with each VocabularyScope (the next AST may reuse
/// the addresses).
thread_local std::map<std::tuple<const Stmt *, CallRole, unsigned>, bool> helperBodies;

bool bodyCallsWithRole(const Stmt *body, CallRole role, unsigned depth) {
  auto key = std::make_tuple(body, role, depth);
  if (auto it = helperBodies.find(key); it != helperBodies.end())
    return it->second;
  bool calls = callsWithRole(body, role, depth);
  helperBodies[key] = calls;
  return calls;
}
} // namespace

Vocabulary &Vocabulary::current() {
  assert(currentVocabulary && "no VocabularyScope on this thread");
  return *currentVocabulary;
}

VocabularyScope::VocabularyScope(ASTContext &ctx) : vocabulary(ctx), previous(currentVocabulary) {
  currentVocabulary = &vocabulary;
  helperBodies.clear();
}

VocabularyScope::~VocabularyScope() {
  currentVocabulary = previous;
  helperBodies.clear();
}

bool callsWithRole(const Stmt *e, CallRole role, unsigned depth) {
  Vocabulary &vocab = Vocabulary::current();
  bool found = false;
  forEachDescendant(e, [&](const Stmt *s) {
    if (found)
      return false;
    if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
      // An immediately used lambda (the full-jitter fix-it is one) computes the value.
      found = callsWithRole(lambda->getBody(), role, depth);
      return false;
    }
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      if (vocab.is(call, role)) {
        found = true;
        return false;
      }
      if (depth > 0)
        if (const FunctionDecl *fd = calleeWithBody(call))
          if (bodyCallsWithRole(fd->getBody(), role, depth - 1)) {
            found = true;
            return false;
          }
    }
    // A distribution constructed here is random once it is called; the call is what
    // matters, but a constructed distribution marks the intent just as well.
    if (const auto *ctor = dyn_cast<CXXConstructExpr>(s); ctor && ctor->getNumArgs() > 0 &&
                                                            vocab.is(ctor, role)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

} // namespace retrylint
