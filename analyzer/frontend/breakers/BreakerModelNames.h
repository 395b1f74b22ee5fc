// Names the breaker model recognises: state values (kHalfOpen, HALF_OPEN), mutexes and
// their guards, atomic operations, admission calls and error results. Pure string logic (no
// Clang) so that the tables are unit-tested on their own.
#pragma once

#include <string>

namespace retrylint {

enum class BreakerStateName { Other, Open, HalfOpen, Closed };

/// kHalfOpen, HALF_OPEN, HalfOpen, STATE_HALF_OPEN -> HalfOpen; kOpen, OPEN -> Open;
/// kClosed, CLOSED -> Closed. Anything else (kForcedOpen counts as Open) -> Other.
BreakerStateName classifyStateName(const std::string &identifier);

/// True for the plain spelling of the state (Open, kOpen, STATE_OPEN), which wins over
/// variants such as kForcedOpen when an enum has several.
bool isPlainStateName(const std::string &identifier);

/// A class or field name that says it is a circuit breaker (CircuitBreaker, breaker_state_).
bool namesBreaker(const std::string &identifier);

/// std::mutex, std::shared_mutex, absl::Mutex, boost::mutex, pthread_mutex_t, SpinLock...
/// (the type name as written or its record name).
bool isMutexTypeName(const std::string &typeName);

/// std::lock_guard, std::unique_lock, std::scoped_lock, std::shared_lock, absl::MutexLock...
bool isLockGuardTypeName(const std::string &typeName);

/// lock, Lock, lock_shared, ReaderLock, WriterLock (the member called on a mutex).
bool isLockCall(const std::string &member);
bool isUnlockCall(const std::string &member);
/// try_lock, try_lock_for, TryLock, ...
bool isTryLockCall(const std::string &member);
/// try_acquire, try_acquire_for, TryAcquire, sem_trywait.
bool isTryAcquireCall(const std::string &member);

/// A member of std::atomic / atomic_flag that reads and writes in one step.
bool isAtomicReadModifyWrite(const std::string &member);
/// exchange, test_and_set: the old value says whether the caller got the flag.
bool isAtomicExchange(const std::string &member);

/// absl::UnavailableError, Status::Unavailable, ErrOpen(), make_unexpected, ...: a call whose
/// result is a failure. absl::OkStatus, Status::OK: a success.
bool namesFailureResult(const std::string &qualifiedName);
bool namesSuccessResult(const std::string &qualifiedName);

/// A type that reports success or failure: Status, StatusOr, optional, expected, error_code.
bool isOutcomeTypeName(const std::string &typeName);

/// base::ThreadChecker, SequenceChecker, THREAD_CHECKER members: the class is confined.
bool isThreadConfinementTypeName(const std::string &typeName);

/// A callback that observes the breaker rather than doing the protected work:
/// on_state_change_, OnTrip, listener_, NotifyOpen, LogTransition, clock_, Now.
bool namesHook(const std::string &identifier);


/// generation_, gen_, epoch_: a number that a guard compares to tell rounds apart.
bool namesGeneration(const std::string &identifier);

} // namespace retrylint
