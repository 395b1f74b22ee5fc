// Near-miss: lock-free loops. A compare-and-swap push that goes round when another thread
// won, and a hazard-pointer publication that re-reads the head until it is stable. They
// repeat on contention inside the process; nothing remote is attempted.
#include <atomic>

namespace lockfree {

struct Node {
  int value;
  Node* next;
};

class Stack {
 public:
  void Push(Node* n) {
    Node* head = head_.load(std::memory_order_relaxed);
    do {
      n->next = head;
    } while (!head_.compare_exchange_weak(head, n, std::memory_order_release));
  }

  // Protects the head with a hazard pointer before it is dereferenced.
  Node* ProtectHead(std::atomic<Node*>& hazard) {
    Node* seen;
    while (true) {
      seen = head_.load(std::memory_order_acquire);
      hazard.store(seen, std::memory_order_seq_cst);
      if (head_.load(std::memory_order_acquire) == seen) {
        return seen;
      }
    }
  }

 private:
  std::atomic<Node*> head_{nullptr};
};

}  // namespace lockfree
