// Refreshing a cluster's slot map: up to three masters from the pool, then the seed node,
// back to back. The helper that asks for the slots is a const member (it does not change the
// pool), but it sends through the connection it is given, so it is the retried operation.
// After a success the loop walks the answer to add each new node: that inner walk does not
// make the refresh a walk.
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

namespace cluster {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  explicit Connection(const std::string &address);
  void send(const char *command);
  std::string recv();
};

using SlotMap = std::map<int, std::string>;

class SlotsPool {
 public:
  void Refresh() {
    for (int idx = 0; idx < 4; ++idx) {  // expect: retry-no-backoff says="4 attempts with no delay", retry-unbudgeted
      try {
        SlotMap slots;
        if (idx < 3) {
          std::shared_ptr<Connection> conn = FetchAnyMaster();
          slots = AskSlots(*conn);
        } else {
          Connection seed(seed_address_);
          slots = AskSlots(seed);
        }
        std::set<std::string> nodes;
        for (const auto &slot : slots)
          nodes.insert(slot.second);
        for (const auto &node : nodes)
          if (pools_.find(node) == pools_.end())
            AddNode(node);
        slots_ = std::move(slots);
        return;
      } catch (const Error &) {
        // try the next node
      }
    }
    throw Error("failed to refresh the slot map");
  }

 private:
  SlotMap AskSlots(Connection &conn) const {
    conn.send("CLUSTER SLOTS");
    return Parse(conn.recv());
  }
  static SlotMap Parse(const std::string &reply);
  std::shared_ptr<Connection> FetchAnyMaster();
  void AddNode(const std::string &node);

  std::string seed_address_;
  std::map<std::string, std::shared_ptr<Connection>> pools_;
  SlotMap slots_;
};

} // namespace cluster
