// Positive: a sharded client sends a command at most twice. A broken connection or a moved shard
// refreshes the shard map and goes round at once, with no delay and no budget. Only one kind of
// failure, a redirect to another node, ends the loop from its handler (it re-sends to that node
// and returns). The other handlers go round, so the loop makes 2 attempts, not 1. The second
// loop leaves the redirect handler through a nested try: its block returns and its one handler
// throws, so that handler leaves on every path, and the other handler still goes round.
#include <stdexcept>
#include <string>

namespace shards {

struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct MovedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct RedirectError : std::runtime_error {
  using std::runtime_error::runtime_error;
  const std::string& node() const;
};

class Connection {
 public:
  std::string Exec(const std::string& command);
  void Announce();
};

class ShardMap {
 public:
  Connection& Owner(const std::string& key);
  Connection& Node(const std::string& name);
  void Refresh();
};

class Client {
 public:
  std::string Send(const std::string& key, const std::string& command) {
    for (int round = 0; round < 2; ++round) {  // expect: retry-no-backoff, retry-unbudgeted says="2 calls"
      try {
        Connection& owner = map_.Owner(key);
        return owner.Exec(command);
      } catch (const IoError&) {
        map_.Refresh();
      } catch (const MovedError&) {
        map_.Refresh();
      } catch (const RedirectError& redirect) {
        Connection& target = map_.Node(redirect.node());
        target.Announce();
        return target.Exec(command);
      }
    }
    throw std::runtime_error("shard map kept changing");
  }

  std::string SendOnce(const std::string& key, const std::string& command) {
    for (int round = 0; round < 3; ++round) {  // expect: retry-no-backoff, retry-unbudgeted says="3 calls"
      try {
        return map_.Owner(key).Exec(command);
      } catch (const IoError&) {
        map_.Refresh();
      } catch (const RedirectError& redirect) {
        Connection& target = map_.Node(redirect.node());
        try {
          return target.Exec(command);
        } catch (const MovedError&) {
          throw std::runtime_error("redirect target does not own the key yet");
        }
      }
    }
    throw std::runtime_error("shard unreachable");
  }

 private:
  ShardMap map_;
};

}  // namespace shards
