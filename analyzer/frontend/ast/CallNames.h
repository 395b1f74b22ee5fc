// Names of the library calls the retry model cares about: sleeps, random sources, clocks.
// Pure string logic (no Clang) so that the tables are unit-tested on their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// How a sleep call expresses its delay.
enum class DelayUnit { Duration, TimePoint, Seconds, Milliseconds, Microseconds, Timespec };

struct SleepCallInfo {
  unsigned delayArg; // index of the argument that carries the delay
  DelayUnit unit;
};

/// `qualifiedName` is as Clang prints it, inline namespaces suppressed
/// (e.g. std::this_thread::sleep_for, std::condition_variable::wait_for, usleep).
std::optional<SleepCallInfo> sleepCallInfo(const std::string &qualifiedName);

/// rand(), <random> engines and distributions, absl::Uniform, and user helpers named like
/// jitter or random.
bool isRandomSource(const std::string &qualifiedName);

/// A clock read (std::chrono::*::now, absl::Now, time, clock_gettime, gettimeofday).
bool isClockRead(const std::string &qualifiedName);

/// compare_exchange_weak/strong and the C11/GCC CAS builtins.
bool isCompareExchange(const std::string &qualifiedName);

/// try_lock, try_acquire, sem_trywait: a loop around them spins for a lock, not a retry.
bool isLockAttempt(const std::string &qualifiedName);

/// A call that asks a retry budget, throttle or rate limiter for permission:
/// TryRetry, CanRetry, AllowRetry, or Acquire/TryAcquire/Allow on a bucket or limiter.
/// Also the project's own names, set by setProjectBudgetFunctions (--budget-functions).
bool isBudgetConsultation(const std::string &qualifiedName);

/// Project-wide budget function names (--budget-functions), consulted by every
/// isBudgetConsultation call. Set once, before any analysis starts.
void setProjectBudgetFunctions(std::vector<std::string> names);

/// The last component of a qualified name ("a::b::c" -> "c").
std::string unqualified(const std::string &qualifiedName);

} // namespace retrylint
