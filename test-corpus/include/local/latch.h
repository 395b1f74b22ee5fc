// A project's own synchronisation primitives, in the shape many servers write them: a
// condition variable wrapper whose waits are defined in another file, a count-down latch
// over it, and a one-shot synchroniser over the latch. Their waits are read as waits.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace local {

using Interval = std::chrono::milliseconds;
using Instant = std::chrono::steady_clock::time_point;

struct Outcome {
  static Outcome Ok() { return Outcome(0); }
  static Outcome TimedOut(const std::string &) { return Outcome(1); }
  static Outcome Unavailable(const std::string &) { return Outcome(2); }
  bool ok() const { return code_ == 0; }
  bool IsTimedOut() const { return code_ == 1; }
  bool IsUnavailable() const { return code_ == 2; }
  explicit Outcome(int code) : code_(code) {}
  int code_;
};

class CondVar {
 public:
  explicit CondVar(std::mutex *mu);
  // False when the deadline passed first; defined with the platform code.
  bool WaitUntil(const Instant &deadline) const;
  void Broadcast();
};

// Debug builds check that this thread may block; defined with the threading code.
void AssertWaitAllowed();

class CountDownLatch {
 public:
  explicit CountDownLatch(int count) : cond_(&lock_), count_(count) {}
  void CountDown();
  bool WaitUntil(const Instant &when) const {
    AssertWaitAllowed();
    std::lock_guard<std::mutex> hold(lock_);
    while (count_ > 0)
      if (!cond_.WaitUntil(when))
        return false;
    return true;
  }
  bool WaitFor(const Interval &delta) const {
    return WaitUntil(std::chrono::steady_clock::now() + delta);
  }

 private:
  mutable std::mutex lock_;
  CondVar cond_;
  int count_;
};

class Synchronizer {
 public:
  Outcome WaitFor(const Interval &delta) const {
    if (!latch_.WaitFor(delta))
      return Outcome::TimedOut("callback not called yet");
    return result_;
  }

 private:
  CountDownLatch latch_{1};
  Outcome result_{0};
};

} // namespace local
