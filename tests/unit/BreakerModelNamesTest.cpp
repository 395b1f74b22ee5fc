#include "frontend/breakers/BreakerModelNames.h"

#include <gtest/gtest.h>

using namespace retrylint;

TEST(BreakerModelNames, StateSpellings) {
  for (const char *n : {"kHalfOpen", "HALF_OPEN", "HalfOpen", "STATE_HALF_OPEN", "CB_HALF_OPEN", "half_open"})
    EXPECT_EQ(classifyStateName(n), BreakerStateName::HalfOpen) << n;
  for (const char *n : {"kOpen", "OPEN", "Open", "STATE_OPEN", "kForcedOpen", "Opened"})
    EXPECT_EQ(classifyStateName(n), BreakerStateName::Open) << n;
  for (const char *n : {"kClosed", "CLOSED", "Closed", "CB_CLOSED"})
    EXPECT_EQ(classifyStateName(n), BreakerStateName::Closed) << n;
  for (const char *n : {"kConnecting", "kText", "DISABLED", "kOpening", "kEstablished"})
    EXPECT_EQ(classifyStateName(n), BreakerStateName::Other) << n;
}

TEST(BreakerModelNames, PlainSpellingWinsOverVariants) {
  EXPECT_TRUE(isPlainStateName("kOpen"));
  EXPECT_TRUE(isPlainStateName("STATE_OPEN"));
  EXPECT_TRUE(isPlainStateName("CB_HALF_OPEN"));
  EXPECT_FALSE(isPlainStateName("FORCED_OPEN"));
  EXPECT_FALSE(isPlainStateName("kMetricsOnlyOpen"));
}

TEST(BreakerModelNames, LocksAndAtomics) {
  EXPECT_TRUE(isMutexTypeName("std::mutex"));
  EXPECT_TRUE(isMutexTypeName("shared_mutex"));
  EXPECT_TRUE(isMutexTypeName("absl::Mutex"));
  EXPECT_TRUE(isMutexTypeName("SpinLock"));
  EXPECT_FALSE(isMutexTypeName("std::unique_lock<std::mutex>"));
  EXPECT_TRUE(isLockGuardTypeName("std::lock_guard<std::mutex>"));
  EXPECT_TRUE(isLockGuardTypeName("absl::MutexLock"));
  EXPECT_TRUE(isTryLockCall("try_lock"));
  EXPECT_TRUE(isTryLockCall("try_lock_for"));
  EXPECT_TRUE(isTryAcquireCall("try_acquire"));
  EXPECT_TRUE(isAtomicReadModifyWrite("fetch_sub"));
  EXPECT_TRUE(isAtomicReadModifyWrite("compare_exchange_weak"));
  EXPECT_FALSE(isAtomicReadModifyWrite("load"));
  EXPECT_TRUE(isAtomicExchange("test_and_set"));
}

TEST(BreakerModelNames, Results) {
  EXPECT_TRUE(namesFailureResult("absl::UnavailableError"));
  EXPECT_TRUE(namesFailureResult("rocksdb::Status::Busy"));
  EXPECT_TRUE(namesFailureResult("ErrOpen"));
  EXPECT_FALSE(namesFailureResult("absl::OkStatus"));
  EXPECT_TRUE(namesSuccessResult("absl::OkStatus"));
  EXPECT_TRUE(namesSuccessResult("Status::OK"));
  EXPECT_FALSE(namesFailureResult("Probe"));
}

TEST(BreakerModelNames, HooksAreNotTheProtectedOperation) {
  for (const char *n : {"on_state_change_", "OnTrip", "listener_", "NotifyOpen", "LogTransition",
                        "clock_", "Now", "metrics_", "RecordSuccess"})
    EXPECT_TRUE(namesHook(n)) << n;
  for (const char *n : {"fn", "send_", "DoCall", "backend_", "probe_", "operation_", "once_"})
    EXPECT_FALSE(namesHook(n)) << n;
}

TEST(BreakerModelNames, BreakersAndConfinement) {
  EXPECT_TRUE(namesBreaker("CircuitBreaker"));
  EXPECT_TRUE(namesBreaker("breaker_state_"));
  EXPECT_FALSE(namesBreaker("Connection"));
  EXPECT_TRUE(isThreadConfinementTypeName("base::SequenceChecker"));
  EXPECT_TRUE(isThreadConfinementTypeName("THREAD_CHECKER"));
  EXPECT_FALSE(isThreadConfinementTypeName("std::mutex"));
}
