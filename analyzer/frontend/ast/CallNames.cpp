#include "frontend/ast/CallNames.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace retrylint {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool startsWith(const std::string &s, const char *prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool contains(const std::string &s, const char *part) { return s.find(part) != std::string::npos; }

} // namespace

std::string unqualified(const std::string &qualifiedName) {
  // Template arguments may contain "::" too: drop them first.
  std::string name;
  int depth = 0;
  for (char c : qualifiedName) {
    if (c == '<')
      ++depth;
    else if (c == '>' && depth > 0)
      --depth;
    else if (depth == 0)
      name += c;
  }
  size_t colon = name.rfind("::");
  return colon == std::string::npos ? name : name.substr(colon + 2);
}

std::optional<SleepCallInfo> sleepCallInfo(const std::string &q) {
  struct Entry {
    const char *name;
    SleepCallInfo info;
  };
  static const Entry Table[] = {
      {"std::this_thread::sleep_for", {0, DelayUnit::Duration}},
      {"std::this_thread::sleep_until", {0, DelayUnit::TimePoint}},
      {"boost::this_thread::sleep_for", {0, DelayUnit::Duration}},
      {"boost::this_thread::sleep_until", {0, DelayUnit::TimePoint}},
      {"absl::SleepFor", {0, DelayUnit::Duration}},
      {"usleep", {0, DelayUnit::Microseconds}},
      {"sleep", {0, DelayUnit::Seconds}},
      {"Sleep", {0, DelayUnit::Milliseconds}},
      {"nanosleep", {0, DelayUnit::Timespec}},
      {"clock_nanosleep", {2, DelayUnit::Timespec}},
  };
  for (const Entry &e : Table)
    if (q == e.name)
      return e.info;
  // A condition variable waited on with a timeout is a sleep that can end early.
  if (startsWith(q, "std::condition_variable") || startsWith(q, "std::_V2::condition_variable")) {
    std::string member = unqualified(q);
    if (member == "wait_for")
      return SleepCallInfo{1, DelayUnit::Duration};
    if (member == "wait_until")
      return SleepCallInfo{1, DelayUnit::TimePoint};
  }
  return std::nullopt;
}

bool isRandomSource(const std::string &q) {
  static const char *const CFunctions[] = {
      "rand",     "random",   "rand_r",   "drand48", "erand48",           "lrand48",
      "nrand48",  "mrand48",  "jrand48",  "arc4random", "arc4random_uniform", "getrandom",
  };
  for (const char *f : CFunctions)
    if (q == f)
      return true;
  if (startsWith(q, "std::") || startsWith(q, "boost::random::")) {
    // Engines and distributions: std::uniform_int_distribution<int>::operator(), ...
    static const char *const Parts[] = {"_distribution", "_engine", "random_device", "mt19937",
                                        "minstd_rand", "ranlux", "knuth_b"};
    for (const char *p : Parts)
      if (contains(q, p))
        return true;
    return false;
  }
  if (startsWith(q, "absl::"))
    return contains(q, "Uniform") || contains(q, "BitGen") || contains(q, "Bernoulli") ||
           contains(q, "Gaussian") || contains(q, "Exponential");
  // A project's own helper: AddJitter, FullJitter, RandomDelay, NextRandom, Rng::Next...
  std::string name = lower(unqualified(q));
  return contains(name, "jitter") || contains(name, "random") || contains(name, "uniform") ||
         name == "rng" || startsWith(name, "rand");
}

bool isClockRead(const std::string &q) {
  std::string name = unqualified(q);
  if (name == "now")
    return true; // std::chrono clocks, boost::chrono, folly, any Clock::now()
  return q == "absl::Now" || q == "time" || q == "clock_gettime" || q == "gettimeofday" ||
         q == "clock" || q == "GetTickCount64" || q == "GetTickCount";
}

bool isCompareExchange(const std::string &q) {
  std::string name = unqualified(q);
  return startsWith(name, "compare_exchange") || startsWith(name, "atomic_compare_exchange") ||
         startsWith(name, "__atomic_compare_exchange") || startsWith(name, "__sync_bool_compare") ||
         startsWith(name, "__sync_val_compare") || name == "CompareAndSwap" ||
         name == "InterlockedCompareExchange";
}

} // namespace retrylint

namespace retrylint {

bool isLockAttempt(const std::string &q) {
  // Only in-process locks: a ZooKeeperLock::TryLock is a remote call worth retrying well.
  std::string name = unqualified(q);
  bool local = startsWith(q, "std::") || startsWith(q, "boost::") || startsWith(q, "absl::Mutex");
  return (local && (startsWith(name, "try_lock") || startsWith(name, "try_acquire") ||
                    name == "TryLock" || name == "ReaderTryLock")) ||
         q == "pthread_mutex_trylock" || q == "pthread_spin_trylock" || q == "sem_trywait" ||
         q == "sem_timedwait";
}

static std::vector<std::string> &projectBudgetFunctions() {
  static std::vector<std::string> names;
  return names;
}

void setProjectBudgetFunctions(std::vector<std::string> names) {
  projectBudgetFunctions() = std::move(names);
}

bool isBudgetConsultation(const std::string &q) {
  std::string name = unqualified(q);
  for (const std::string &extra : projectBudgetFunctions())
    if (name == extra || q == extra)
      return true;
  static const char *const RetrySpecific[] = {"TryRetry", "CanRetry", "AllowRetry", "AcquireRetry",
                                              "TryAcquireRetry", "WithdrawRetry", "TryWithdraw",
                                              "try_retry", "can_retry", "allow_retry"};
  for (const char *r : RetrySpecific)
    if (name == r)
      return true;
  static const char *const Generic[] = {"Acquire", "TryAcquire", "Allow", "TryConsume", "Consume",
                                        "acquire", "try_consume", "allow", "Withdraw"};
  std::string owner = lower(q.substr(0, q.size() - name.size()));
  bool limiter = contains(owner, "budget") || contains(owner, "bucket") ||
                 contains(owner, "limiter") || contains(owner, "throttl") || contains(owner, "quota");
  for (const char *g : Generic)
    if (name == g && limiter)
      return true;
  return false;
}

} // namespace retrylint
