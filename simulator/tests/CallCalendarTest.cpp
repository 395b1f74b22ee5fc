#include "CallCalendar.h"
#include "retrylint/sim/Rng.h"

#include <gtest/gtest.h>

#include <queue>

namespace retrylint::sim {
namespace {

struct HeapOrder {
  bool operator()(const PendingCall &a, const PendingCall &b) const {
    return a.atMs != b.atMs ? a.atMs > b.atMs : a.order > b.order;
  }
};

/// Drives the calendar and a plain heap with the same pushes and pops; they must agree.
void expectSameOrderAsHeap(double slotMs, size_t slots, double longestSleepMs, uint64_t seed) {
  CallCalendar calendar(-100, slotMs, slots);
  std::priority_queue<PendingCall, std::vector<PendingCall>, HeapOrder> heap;
  Rng rng(seed);
  uint64_t order = 0;
  double now = -100;
  for (int i = 0; i < 200; ++i) { // a herd at one instant, like the stall's end
    calendar.push({0, order, 0});
    heap.push({0, order++, 0});
  }
  for (int step = 0; step < 20000; ++step) {
    const int pushes = static_cast<int>(rng.uniform(0, 3));
    for (int p = 0; p < pushes; ++p) {
      // sleeps: zero (same instant), short, and some beyond the calendar's horizon
      const double sleep = rng.uniform01() < 0.1 ? 0 : rng.uniform(0, longestSleepMs);
      calendar.push({now + sleep, order, static_cast<uint32_t>(step)});
      heap.push({now + sleep, order++, static_cast<uint32_t>(step)});
    }
    if (heap.empty())
      continue;
    ASSERT_FALSE(calendar.empty());
    const PendingCall expected = heap.top();
    const PendingCall got = calendar.top();
    ASSERT_EQ(got.order, expected.order) << "step " << step;
    ASSERT_EQ(got.atMs, expected.atMs);
    heap.pop();
    calendar.pop();
    now = got.atMs;
  }
  while (!heap.empty()) {
    ASSERT_EQ(calendar.top().order, heap.top().order);
    heap.pop();
    calendar.pop();
  }
  EXPECT_TRUE(calendar.empty());
}

TEST(CallCalendarTest, PopsInHeapOrderWithinTheHorizon) { expectSameOrderAsHeap(1, 8192, 500, 1); }

TEST(CallCalendarTest, PopsInHeapOrderAcrossTheHorizon) {
  expectSameOrderAsHeap(1, 64, 5000, 2); // most calls go to the far heap and come back
  expectSameOrderAsHeap(0.25, 16, 100000, 3);
}

} // namespace
} // namespace retrylint::sim
