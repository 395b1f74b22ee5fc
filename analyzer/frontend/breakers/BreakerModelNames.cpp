#include "frontend/breakers/BreakerModelNames.h"

#include "frontend/ast/CallNames.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace retrylint {
namespace {

std::string lower(const std::string &s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool startsWith(const std::string &s, const char *prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool endsWith(const std::string &s, const char *suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

bool contains(const std::string &s, const char *part) { return s.find(part) != std::string::npos; }

/// kHalfOpen -> halfopen, HALF_OPEN -> halfopen, STATE_OPEN -> stateopen.
std::string normalise(const std::string &id) {
  std::string s = id;
  if (s.size() > 1 && s[0] == 'k' && std::isupper(static_cast<unsigned char>(s[1])))
    s = s.substr(1);
  std::string out;
  for (char c : s)
    if (c != '_')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The normalised name without a prefix naming the enum: stateopen, circuitclosed, cbopen.
std::string withoutPrefix(const std::string &n) {
  for (const char *p : {"state", "status", "circuit", "breaker", "cb"})
    if (startsWith(n, p) && n.size() > std::strlen(p))
      return n.substr(std::strlen(p));
  return n;
}

} // namespace

BreakerStateName classifyStateName(const std::string &identifier) {
  std::string n = normalise(identifier);
  if (contains(n, "halfopen"))
    return BreakerStateName::HalfOpen;
  if (endsWith(n, "open") || endsWith(n, "opened"))
    return BreakerStateName::Open;
  if (endsWith(n, "closed") || endsWith(n, "close"))
    return BreakerStateName::Closed;
  return BreakerStateName::Other;
}

bool isPlainStateName(const std::string &identifier) {
  std::string n = withoutPrefix(normalise(identifier));
  return n == "open" || n == "opened" || n == "halfopen" || n == "halfopened" || n == "closed" ||
         n == "close";
}

bool namesBreaker(const std::string &identifier) {
  std::string n = lower(identifier);
  return contains(n, "breaker") || contains(n, "circuit");
}

bool isMutexTypeName(const std::string &typeName) {
  std::string n = lower(unqualified(typeName));
  return contains(n, "mutex") || contains(n, "spinlock") || contains(n, "spin_lock") ||
         n == "critical_section" || n == "srwlock";
}

bool isLockGuardTypeName(const std::string &typeName) {
  std::string n = unqualified(typeName);
  return n == "lock_guard" || n == "unique_lock" || n == "scoped_lock" || n == "shared_lock" ||
         n == "MutexLock" || n == "ReaderMutexLock" || n == "WriterMutexLock" ||
         n == "MutexLockMaybe" || n == "SpinLockHolder" || n == "AutoLock" ||
         n == "scoped_lock_guard" || n == "lock_guard_t";
}

bool isLockCall(const std::string &m) {
  return m == "lock" || m == "Lock" || m == "lock_shared" || m == "ReaderLock" ||
         m == "WriterLock" || m == "pthread_mutex_lock" || m == "Acquire";
}

bool isUnlockCall(const std::string &m) {
  return m == "unlock" || m == "Unlock" || m == "unlock_shared" || m == "ReaderUnlock" ||
         m == "WriterUnlock" || m == "pthread_mutex_unlock" || m == "Release";
}

bool isTryLockCall(const std::string &m) {
  return startsWith(m, "try_lock") || m == "TryLock" || m == "ReaderTryLock" ||
         m == "WriterTryLock" || m == "pthread_mutex_trylock";
}

bool isTryAcquireCall(const std::string &m) {
  return startsWith(m, "try_acquire") || startsWith(m, "TryAcquire") || m == "sem_trywait";
}

bool isAtomicReadModifyWrite(const std::string &m) {
  return startsWith(m, "fetch_") || m == "exchange" || startsWith(m, "compare_exchange") ||
         m == "test_and_set" || m == "operator++" || m == "operator--" || m == "operator+=" ||
         m == "operator-=" || m == "operator&=" || m == "operator|=" || m == "operator^=";
}

bool isAtomicExchange(const std::string &m) { return m == "exchange" || m == "test_and_set"; }

bool namesFailureResult(const std::string &q) {
  std::string name = unqualified(q);
  if (name.empty() || namesSuccessResult(q))
    return false;
  // absl::UnavailableError, grpc-style MakeError, errors::Unavailable, ErrOpen, CircuitOpen
  if (endsWith(name, "Error") || startsWith(name, "Err") || startsWith(name, "Fail"))
    return true;
  if (name == "make_unexpected" || name == "unexpected" || name == "nullopt")
    return true;
  std::string scope = q.size() > name.size() + 2 ? q.substr(0, q.size() - name.size() - 2) : "";
  // Status::Unavailable(), Status::Aborted(): a static factory of a status type
  return endsWith(scope, "Status") &&
         (name == "Unavailable" || name == "Aborted" || name == "ResourceExhausted" ||
          name == "Cancelled" || name == "Internal" || name == "Unknown" ||
          name == "DeadlineExceeded" || name == "FailedPrecondition" || name == "IOError" ||
          name == "Busy" || name == "TryAgain");
}

bool namesSuccessResult(const std::string &q) {
  std::string name = unqualified(q);
  return name == "OkStatus" || name == "OK" || name == "Ok" || name == "ok_status" ||
         name == "make_optional" || name == "Success";
}

bool isOutcomeTypeName(const std::string &typeName) {
  std::string n = unqualified(typeName);
  return n == "Status" || n == "StatusOr" || n == "optional" || n == "expected" ||
         n == "error_code" || n == "Result" || n == "Expected";
}

bool isThreadConfinementTypeName(const std::string &typeName) {
  std::string n = lower(unqualified(typeName));
  return contains(n, "threadchecker") || contains(n, "sequencechecker") ||
         contains(n, "thread_checker") || contains(n, "sequence_checker");
}

bool namesHook(const std::string &identifier) {
  std::string id = identifier;
  while (!id.empty() && id[0] == '_')
    id = id.substr(1);
  if (startsWith(id, "m_"))
    id = id.substr(2);
  if (id.size() > 2 && (id[0] == 'o' || id[0] == 'O') && id[1] == 'n' &&
      (id[2] == '_' || std::isupper(static_cast<unsigned char>(id[2]))))
    return true;
  std::string n = lower(id);
  for (const char *part : {"listener", "observer", "notify", "log", "metric", "hook", "clock",
                           "trace", "report", "sleep", "timer", "stats"})
    if (contains(n, part))
      return true;
  return startsWith(n, "now") || n == "time" || startsWith(n, "record");
}

bool namesGeneration(const std::string &identifier) {
  std::string n = lower(identifier);
  return contains(n, "generation") || contains(n, "epoch") || n == "gen_" || n == "gen" ||
         n == "m_gen";
}

} // namespace retrylint
