// Negative: compare-and-swap loops. Re-trying a CAS at once is how lock-free code works: the
// retry is local, short, and each failure means another thread made progress.
#include <atomic>
#include <cstdint>

namespace stats {

// Raises max_seen to sample if sample is larger.
void RecordMax(std::atomic<int64_t>& max_seen, int64_t sample) {
  int64_t current = max_seen.load(std::memory_order_relaxed);
  while (sample > current &&
         !max_seen.compare_exchange_weak(current, sample, std::memory_order_relaxed)) {
  }
}

struct Node {
  int64_t value;
  Node* next;
};

// Treiber-stack push.
void Push(std::atomic<Node*>& head, Node* node) {
  node->next = head.load(std::memory_order_relaxed);
  while (!head.compare_exchange_weak(node->next, node, std::memory_order_release,
                                     std::memory_order_relaxed)) {
  }
}

}  // namespace stats
