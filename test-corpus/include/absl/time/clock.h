// Corpus stub of absl/time/clock.h: absl::Now and absl::SleepFor, trivial bodies.
#ifndef ABSL_TIME_CLOCK_H_
#define ABSL_TIME_CLOCK_H_

#include <chrono>
#include <thread>

#include "absl/time/time.h"

namespace absl {

inline Time Now() {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Time::FromSinceEpoch(Nanoseconds(ns.count()));
}

inline void SleepFor(Duration duration) {
  std::this_thread::sleep_for(std::chrono::nanoseconds(duration.nanos()));
}

}  // namespace absl

#endif  // ABSL_TIME_CLOCK_H_
