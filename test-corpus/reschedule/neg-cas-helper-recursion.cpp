// Near-miss: a lock-free slot table. Publish() swaps its entry into a slot through a small
// helper that only returns what compare_exchange_strong returned; when another thread changed
// the slot first, Publish() calls itself again (giving up after 64 lost races). Claim() does
// the same with a loop. Both repeat on contention for process memory; no dependency is called.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace slots {

class SlotTable {
 public:
  void Publish(uint64_t key, uint64_t value, int lost_races = 0) {
    std::size_t index = key % kSlots;
    uint64_t seen = table_[index].load(std::memory_order_acquire);
    const uint64_t packed = (key << 32) ^ value;
    const bool swapped = SwapSlot(index, seen, packed);
    if (!swapped) {
      if (lost_races >= 64) {
        throw std::runtime_error("slot keeps changing under us");
      }
      Publish(key, value, lost_races + 1);
      return;
    }
    published_.fetch_add(1, std::memory_order_relaxed);
  }

  bool Claim(std::size_t index, uint64_t owner) {
    uint64_t seen = table_[index % kSlots].load(std::memory_order_acquire);
    while (seen == 0) {
      if (TrySwap(index % kSlots, seen, owner)) {
        return true;
      }
    }
    return false;
  }

 private:
  bool SwapSlot(std::size_t index, uint64_t& expected, uint64_t desired) {
    auto& slot = table_[index];
    bool won = slot.compare_exchange_strong(expected, desired, std::memory_order_acq_rel,
                                            std::memory_order_acquire);
    return won;
  }

  bool TrySwap(std::size_t index, uint64_t& expected, uint64_t desired) {
    return table_[index].compare_exchange_weak(expected, desired);
  }

  static constexpr std::size_t kSlots = 4096;
  std::atomic<uint64_t> table_[kSlots] = {};
  std::atomic<uint64_t> published_{0};
};

}  // namespace slots
