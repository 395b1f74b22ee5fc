// The outage model's event queue: pending retry calls in (time, order) order.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

namespace retrylint::sim {

/// A retry call that some request will make at `atMs`; `order` breaks ties so that the
/// run does not depend on how equal times happen to be stored.
struct PendingCall {
  double atMs;
  uint64_t order;
  uint32_t request;
};

/// A calendar queue: fixed-width slots cover the near future (where almost every backoff
/// lands) and a heap holds the rest. Push and pop cost O(1) amortised instead of a heap's
/// O(log n) cache misses, which keeps a run linear in its calls. Pops come out in exactly
/// the (time, order) order a heap would give. Times pushed must not precede the last pop.
class CallCalendar {
public:
  CallCalendar(double originMs, double slotMs, size_t slots)
      : originMs_(originMs), slotMs_(slotMs), ring_(slots) {}

  bool empty() const { return size_ == 0; }

  void push(const PendingCall &call) {
    ++size_;
    const uint64_t slot = slotOf(call.atMs);
    if (slot >= current_ + ring_.size()) {
      far_.push(call);
      return;
    }
    std::vector<PendingCall> &calls = ring_[slot % ring_.size()];
    if (slot == current_ && sorted_) // keep the slot being drained sorted
      calls.insert(std::upper_bound(calls.begin(), calls.end(), call, LaterFirst()), call);
    else
      calls.push_back(call);
  }

  /// The earliest call; the calendar must not be empty.
  const PendingCall &top() {
    settle();
    return ring_[current_ % ring_.size()].back();
  }

  void pop() {
    settle();
    ring_[current_ % ring_.size()].pop_back();
    --size_;
  }

private:
  /// Descending (time, order), so the earliest call sits at the back of a slot.
  struct LaterFirst {
    bool operator()(const PendingCall &a, const PendingCall &b) const {
      return a.atMs != b.atMs ? a.atMs > b.atMs : a.order > b.order;
    }
  };

  uint64_t slotOf(double atMs) const {
    const double slot = std::floor((atMs - originMs_) / slotMs_);
    return slot > 0 ? static_cast<uint64_t>(slot) : 0;
  }

  /// Moves to the first non-empty slot, pulls due calls in from the heap, sorts the slot.
  void settle() {
    while (ring_[current_ % ring_.size()].empty()) {
      sorted_ = false;
      ++current_;
      if (!far_.empty() && ring_[current_ % ring_.size()].empty() &&
          sizeInRing() == 0) // only far calls left: jump straight to the first of them
        current_ = std::max(current_, slotOf(far_.top().atMs));
      while (!far_.empty() && slotOf(far_.top().atMs) < current_ + ring_.size()) {
        const PendingCall call = far_.top();
        far_.pop();
        ring_[slotOf(call.atMs) % ring_.size()].push_back(call);
      }
    }
    if (!sorted_) {
      std::vector<PendingCall> &calls = ring_[current_ % ring_.size()];
      std::sort(calls.begin(), calls.end(), LaterFirst());
      sorted_ = true;
    }
  }

  size_t sizeInRing() const { return size_ - far_.size(); }

  double originMs_, slotMs_;
  std::vector<std::vector<PendingCall>> ring_;
  std::priority_queue<PendingCall, std::vector<PendingCall>, LaterFirst> far_;
  uint64_t current_ = 0; // absolute index of the slot being drained
  size_t size_ = 0;
  bool sorted_ = false;
};

} // namespace retrylint::sim
