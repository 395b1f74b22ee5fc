#include "checks/Wording.h"

#include <gtest/gtest.h>

using namespace retrylint;

TEST(Wording, ScheduleInMilliseconds) {
  EXPECT_EQ(formatSchedule({100, 200, 400, 800, 1600}), "100, 200, 400, 800, 1600 ms");
  EXPECT_EQ(formatSchedule({1.5, 3}), "1.5, 3 ms");
}

TEST(Wording, LongSchedulesKeepHeadAndTail) {
  EXPECT_EQ(formatSchedule({1, 2, 4, 8, 16, 32, 64, 128}), "1, 2, 4, 8, 16, …, 128 ms");
}

TEST(Wording, SecondsWhenEveryDelayIsLong) {
  EXPECT_EQ(formatSchedule({10000, 20000}), "10, 20 s");
}

TEST(Wording, Attempts) {
  AttemptBound b;
  b.kind = AttemptBound::Kind::Constant;
  b.count = 5;
  EXPECT_EQ(formatAttempts(b), "5 attempts");
  b.kind = AttemptBound::Kind::Symbolic;
  b.symbol = "max_attempts";
  EXPECT_EQ(formatAttempts(b), "up to max_attempts attempts");
}
