// Positive: finds the leader by asking coordinators one after another through a cursor. A node
// that answers but is no longer the leader means an election is under way: the whole walk starts
// over (cursor.Rewind()) up to kMaxRestarts times with the same 200 ms pause. The cursor makes
// each turn go elsewhere, but the rewind asks the same coordinators again: a retry of the walk.
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace coord {

struct Endpoint {
  std::string host;
  int port = 0;
};

class EndpointCursor {
 public:
  explicit EndpointCursor(std::vector<Endpoint> endpoints);
  const Endpoint& Next();  // throws NoMoreEndpoints once every endpoint was tried
  void Rewind();
};

struct LeaderAnswer {
  Endpoint leader;
  bool confirmed = false;
};

class CoordinatorClient {
 public:
  LeaderAnswer AskLeader(const Endpoint& coordinator);
  bool StillLeader(const Endpoint& node);
};

Endpoint FindLeader(CoordinatorClient& client, EndpointCursor& cursor) {
  constexpr int kMaxRestarts = 3;
  int restarts = 0;
  while (true) {  // expect: retry-no-backoff, retry-unbudgeted
    const Endpoint& coordinator = cursor.Next();
    LeaderAnswer answer = client.AskLeader(coordinator);
    if (!answer.confirmed) {
      continue;
    }
    if (!client.StillLeader(answer.leader)) {
      if (++restarts > kMaxRestarts) {
        throw std::runtime_error("leader election did not settle");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      cursor.Rewind();
      continue;
    }
    return answer.leader;
  }
}

}  // namespace coord
