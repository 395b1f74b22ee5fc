#include "frontend/ast/CallNames.h"

#include <gtest/gtest.h>

using namespace retrylint;

TEST(CallNames, RecognisesSleepsWithTheirDelayArgument) {
  EXPECT_EQ(sleepCallInfo("std::this_thread::sleep_for")->unit, DelayUnit::Duration);
  EXPECT_EQ(sleepCallInfo("usleep")->unit, DelayUnit::Microseconds);
  EXPECT_EQ(sleepCallInfo("sleep")->unit, DelayUnit::Seconds);
  EXPECT_EQ(sleepCallInfo("clock_nanosleep")->delayArg, 2u);
  EXPECT_EQ(sleepCallInfo("std::condition_variable::wait_for")->delayArg, 1u);
  EXPECT_FALSE(sleepCallInfo("std::condition_variable::notify_one"));
  EXPECT_FALSE(sleepCallInfo("Sleeper::sleep"));
}

TEST(CallNames, RandomSources) {
  EXPECT_TRUE(isRandomSource("rand"));
  EXPECT_TRUE(isRandomSource("std::uniform_int_distribution<long>::operator()"));
  EXPECT_TRUE(isRandomSource("std::mersenne_twister_engine<unsigned long, 64>::operator()"));
  EXPECT_TRUE(isRandomSource("absl::Uniform"));
  EXPECT_TRUE(isRandomSource("backoff::AddJitter"));
  EXPECT_FALSE(isRandomSource("std::chrono::duration<long>::count"));
  EXPECT_FALSE(isRandomSource("Client::Fetch"));
  EXPECT_FALSE(isRandomSource("std::vector<int>::operator[]"));
}

TEST(CallNames, ClocksAndCas) {
  EXPECT_TRUE(isClockRead("std::chrono::steady_clock::now"));
  EXPECT_TRUE(isClockRead("absl::Now"));
  EXPECT_FALSE(isClockRead("Widget::nowhere"));
  EXPECT_TRUE(isCompareExchange("std::atomic<int>::compare_exchange_weak"));
  EXPECT_FALSE(isCompareExchange("Table::exchange"));
}

TEST(CallNames, UnqualifiedDropsTemplateArguments) {
  EXPECT_EQ(unqualified("std::vector<std::pair<int, a::b>>::size"), "size");
  EXPECT_EQ(unqualified("usleep"), "usleep");
}
