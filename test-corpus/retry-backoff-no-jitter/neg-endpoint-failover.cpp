// Negative: failover across a list of endpoints with a fixed pause between them. Each iteration
// tries a different endpoint once; the range-for is bounded by the list, not a retry of one call.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace rpc {

struct Endpoint {
  std::string host;
  int port = 0;
};

class Channel {
 public:
  int fd = -1;
};

std::optional<Channel> Dial(const Endpoint& endpoint);

std::optional<Channel> ConnectAny(const std::vector<Endpoint>& endpoints) {
  constexpr std::chrono::milliseconds kPauseBetweenEndpoints(50);
  bool first = true;
  for (const Endpoint& endpoint : endpoints) {
    if (!first) {
      std::this_thread::sleep_for(kPauseBetweenEndpoints);
    }
    first = false;
    if (std::optional<Channel> channel = Dial(endpoint)) {
      return channel;
    }
  }
  return std::nullopt;
}

}  // namespace rpc
