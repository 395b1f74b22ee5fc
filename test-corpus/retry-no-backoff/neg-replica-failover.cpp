// Negative: read from the first replica that answers, with a fixed 20 ms pause after each miss.
// The range-for asks each replica once; it is a pass over a list, not a retry of one call.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kvstore {

struct Replica {
  std::string zone;
  std::string address;
};

class ReplicaStub {
 public:
  std::optional<std::string> Get(const Replica& replica, const std::string& key);
};

std::optional<std::string> ReadFromAnyReplica(ReplicaStub& stub,
                                              const std::vector<Replica>& replicas,
                                              const std::string& key) {
  constexpr std::chrono::milliseconds kPauseBetweenReplicas(20);
  for (const Replica& replica : replicas) {
    if (std::optional<std::string> value = stub.Get(replica, key)) {
      return value;
    }
    std::this_thread::sleep_for(kPauseBetweenReplicas);
  }
  return std::nullopt;
}

// Orders replicas so that the caller's zone comes first.
std::vector<Replica> LocalFirst(const std::vector<Replica>& replicas, const std::string& zone) {
  std::vector<Replica> ordered;
  for (const Replica& replica : replicas) {
    if (replica.zone == zone) ordered.push_back(replica);
  }
  for (const Replica& replica : replicas) {
    if (replica.zone != zone) ordered.push_back(replica);
  }
  return ordered;
}

}  // namespace kvstore
