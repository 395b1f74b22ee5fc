// The vocabulary on real ASTs: each call in a snippet is classified by the matchers.
#include "frontend/ast/Vocabulary.h"

#include "frontend/ast/AstQueries.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>

using namespace retrylint;
using namespace clang;

namespace {

/// The roles of every call in `code`, by callee name (the last call of a name wins).
class Classified {
public:
  explicit Classified(const std::string &code) {
    ast = tooling::buildASTFromCodeWithArgs(code, {"-std=c++17", "-Wno-everything"}, "input.cc");
    EXPECT_TRUE(ast);
    VocabularyScope scope(ast->getASTContext());
    Collector collector(*this);
    collector.TraverseDecl(ast->getASTContext().getTranslationUnitDecl());
  }
  bool is(const std::string &callee, CallRole role) const {
    auto it = kinds.find(callee);
    EXPECT_NE(it, kinds.end()) << "no call of " << callee;
    return it != kinds.end() && it->second.is(role);
  }
  SleepCallInfo delay(const std::string &callee) const { return kinds.at(callee).delay; }

private:
  struct Collector : RecursiveASTVisitor<Collector> {
    explicit Collector(Classified &out) : out(out) {}
    bool VisitCallExpr(CallExpr *call) {
      if (!out.ast->getSourceManager().isInMainFile(call->getBeginLoc()))
        return true;
      out.kinds[unqualified(calleeName(call))] = Vocabulary::current().of(call);
      return true;
    }
    Classified &out;
  };
  std::unique_ptr<ASTUnit> ast;
  std::map<std::string, CallKind> kinds;
};

const char *Prelude = R"(
namespace std {
namespace chrono { template <class R, class P = int> struct duration { R r; };
                   using milliseconds = duration<long>; struct steady_clock { static int now(); }; }
namespace this_thread { template <class R, class P> void sleep_for(const chrono::duration<R, P> &);
                        void yield(); }
struct mutex { void lock(); bool try_lock(); };
template <class T> struct unique_lock { unique_lock(T &); };
struct condition_variable {
  template <class L, class R, class P> int wait_for(L &, const chrono::duration<R, P> &);
  template <class L> void wait(L &); };
template <class T> struct vector { unsigned long size() const; void push_back(const T &); T &operator[](unsigned long); };
template <class T> struct atomic { bool compare_exchange_weak(T &, T); T load() const; T exchange(T); };
template <class T = int> struct uniform_int_distribution { uniform_int_distribution(T, T); template <class G> T operator()(G &); };
struct mt19937 { unsigned operator()(); };
}
extern "C" int usleep(unsigned); extern "C" int poll(void *, unsigned long, int);
extern "C" int pthread_cond_timedwait(void *, void *, const void *);
)";

} // namespace

TEST(Vocabulary, SleepsCarryTheirDelayArgument) {
  Classified c(std::string(Prelude) + R"(
    void f(std::condition_variable &cv, std::mutex &m) {
      std::this_thread::sleep_for(std::chrono::milliseconds{100});
      usleep(1000);
      std::unique_lock<std::mutex> l(m);
      cv.wait_for(l, std::chrono::milliseconds{5});
    })");
  EXPECT_TRUE(c.is("sleep_for", CallRole::Sleep));
  EXPECT_EQ(c.delay("sleep_for").unit, DelayUnit::Duration);
  EXPECT_TRUE(c.is("usleep", CallRole::Sleep));
  EXPECT_EQ(c.delay("usleep").unit, DelayUnit::Microseconds);
  EXPECT_TRUE(c.is("wait_for", CallRole::TimedWait));
  EXPECT_EQ(c.delay("wait_for").delayArg, 1u);
  EXPECT_FALSE(c.is("wait_for", CallRole::Sleep));
}

TEST(Vocabulary, WaitsThatAreNotBackoff) {
  Classified c(std::string(Prelude) + R"(
    struct Waiter { bool WaitFor(int ms); };
    struct Backoff { int NextDelayMs(); void Reset(); };
    bool Pause();
    void f(Waiter &w, Backoff &b, void *cond, void *mu, void *ts) {
      poll(nullptr, 0, 100);
      std::this_thread::yield();
      pthread_cond_timedwait(cond, mu, ts);
      w.WaitFor(10);
      b.NextDelayMs();
      b.Reset();
    })");
  EXPECT_TRUE(c.is("poll", CallRole::ReadinessWait));
  EXPECT_TRUE(c.is("yield", CallRole::SpinPause));
  EXPECT_TRUE(c.is("pthread_cond_timedwait", CallRole::TimedWait));
  EXPECT_TRUE(c.is("WaitFor", CallRole::MayWait));
  EXPECT_FALSE(c.is("NextDelayMs", CallRole::MayWait)); // computes a delay, waits nothing
  EXPECT_FALSE(c.is("Reset", CallRole::MayWait));
}

TEST(Vocabulary, RandomClockAndAtomics) {
  Classified c(std::string(Prelude) + R"(
    int AddJitter(int);
    void f(std::atomic<int> &a, std::mt19937 &gen) {
      std::uniform_int_distribution<int> dist(0, 10);
      dist(gen);
      AddJitter(3);
      std::chrono::steady_clock::now();
      int expected = 0;
      a.compare_exchange_weak(expected, 1);
    })");
  EXPECT_TRUE(c.is("operator()", CallRole::RandomSource));
  EXPECT_TRUE(c.is("AddJitter", CallRole::RandomSource));
  EXPECT_TRUE(c.is("now", CallRole::ClockRead));
  EXPECT_TRUE(c.is("compare_exchange_weak", CallRole::CompareExchange));
  EXPECT_TRUE(c.is("compare_exchange_weak", CallRole::InProcess));
}

TEST(Vocabulary, ProjectClocksAndCounts) {
  Classified c(std::string(Prelude) + R"(
    struct Clock { static long Now(); };
    long NowMs();
    long MonotonicNow();
    void Notify();
    void Nowait();
    struct TimeService { int WalltimeWithError(long *now, long *err); };
    struct Messenger { static int GetInstanceCount(); int Count(int); };
    void f(TimeService &t, Messenger &m) {
      long now = 0, err = 0;
      Clock::Now(); NowMs(); MonotonicNow(); Notify(); Nowait();
      t.WalltimeWithError(&now, &err);
      Messenger::GetInstanceCount();
      m.Count(3);
    })");
  for (const char *clock : {"Now", "NowMs", "MonotonicNow", "WalltimeWithError"})
    EXPECT_TRUE(c.is(clock, CallRole::ClockRead)) << clock;
  for (const char *other : {"Notify", "Nowait"})
    EXPECT_FALSE(c.is(other, CallRole::ClockRead)) << other;
  EXPECT_TRUE(c.is("GetInstanceCount", CallRole::Query));
  EXPECT_FALSE(c.is("Count", CallRole::Query)); // with an argument it may do anything
}

TEST(Vocabulary, InProcessWorkIsNotADependency) {
  Classified c(std::string(Prelude) + R"(
    extern "C" int strcmp(const char *, const char *);
    struct Client { int Fetch(int key); };
    void f(std::vector<int> &v, Client &client) {
      v.push_back(1);
      strcmp("a", "b");
      client.Fetch(3);
    })");
  EXPECT_TRUE(c.is("push_back", CallRole::InProcess));
  EXPECT_TRUE(c.is("strcmp", CallRole::InProcess));
  EXPECT_FALSE(c.is("Fetch", CallRole::InProcess));
  EXPECT_FALSE(c.is("Fetch", CallRole::MayWait));
}

TEST(Vocabulary, BudgetGatesAndLocks) {
  Classified c(std::string(Prelude) + R"(
    struct RetryBudget { bool TryRetry(); };
    struct RateLimiter { bool Acquire(); };
    struct Connection { bool Acquire(); };
    struct Producer { bool TryAcquireSendToken(); };
    struct Credential { int GetToken(); };
    struct ZooKeeperLock { bool TryLock(); };
    void f(RetryBudget &b, RateLimiter &r, Connection &c, Producer &p, Credential &cr,
           std::mutex &m, ZooKeeperLock &zk) {
      b.TryRetry(); r.Acquire(); p.TryAcquireSendToken(); cr.GetToken(); m.try_lock(); zk.TryLock();
    }
    void g(Connection &c) { c.Acquire(); })");
  EXPECT_TRUE(c.is("TryRetry", CallRole::BudgetGate));
  EXPECT_TRUE(c.is("TryAcquireSendToken", CallRole::BudgetGate));
  EXPECT_FALSE(c.is("GetToken", CallRole::BudgetGate)); // a credential, fetched remotely
  EXPECT_FALSE(c.is("Acquire", CallRole::BudgetGate));  // Connection::Acquire (last call)
  EXPECT_TRUE(c.is("try_lock", CallRole::LockAttempt));
  EXPECT_FALSE(c.is("TryLock", CallRole::LockAttempt)); // a remote lock is worth retrying well
}

TEST(Vocabulary, UnresolvedCallsInTemplates) {
  Classified c(std::string(Prelude) + R"(
    template <class T> void f(T t) { std::this_thread::sleep_for(t); usleep(t); })");
  EXPECT_TRUE(c.is("usleep", CallRole::Sleep));
}

TEST(Vocabulary, DurationTypes) {
  std::unique_ptr<ASTUnit> ast = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + R"(
    namespace kudu { struct MonoDelta {}; }
    namespace absl { struct Duration {}; }
    struct Request {};
    std::chrono::milliseconds a; kudu::MonoDelta b; absl::Duration c; Request d; int e;)",
      {"-std=c++17"}, "input.cc");
  ASSERT_TRUE(ast);
  std::map<std::string, bool> duration;
  for (const Decl *d : ast->getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *var = dyn_cast<VarDecl>(d))
      duration[var->getNameAsString()] = Vocabulary::isDurationType(var->getType());
  EXPECT_TRUE(duration["a"]);
  EXPECT_TRUE(duration["b"]);
  EXPECT_TRUE(duration["c"]);
  EXPECT_FALSE(duration["d"]);
  EXPECT_FALSE(duration["e"]);
}

TEST(Vocabulary, RealStandardLibrary) {
  Classified c(R"(
    #include <chrono>
    #include <functional>
    #include <thread>
    int f(const std::function<int()> &fn) {
      std::this_thread::sleep_until(std::chrono::steady_clock::now());
      return fn();
    })");
  EXPECT_TRUE(c.is("sleep_until", CallRole::Sleep));
  EXPECT_FALSE(c.is("operator()", CallRole::InProcess));
}
