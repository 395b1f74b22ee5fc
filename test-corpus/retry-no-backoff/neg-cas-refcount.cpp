// Negative: compare-and-swap loops. A failed CAS means another thread won the race and made
// progress; trying again at once is how lock-free code works, not a retry of a failed call.
#include <atomic>
#include <cstdint>

namespace mem {

class ControlBlock {
 public:
  // weak_ptr::lock: takes a strong reference only if the object is still alive.
  bool TryAddStrongRef() {
    uint32_t count = strong_.load(std::memory_order_relaxed);
    do {
      if (count == 0) {
        return false;
      }
    } while (!strong_.compare_exchange_weak(count, count + 1, std::memory_order_acq_rel,
                                            std::memory_order_relaxed));
    return true;
  }

  // Sets flag bits atomically, returning the previous bits.
  uint32_t SetFlags(uint32_t bits) {
    uint32_t old_flags = flags_.load(std::memory_order_relaxed);
    while (!flags_.compare_exchange_strong(old_flags, old_flags | bits)) {
    }
    return old_flags;
  }

 private:
  std::atomic<uint32_t> strong_{1};
  std::atomic<uint32_t> flags_{0};
};

}  // namespace mem
