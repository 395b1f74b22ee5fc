// Positive: the plainest retry, a for loop that re-sends the request at once. Three gets reach a
// sick cache node within a millisecond, and nothing limits retries across requests.
#include <optional>
#include <string>

namespace sessions {

class MemcacheConnection {
 public:
  // False on a transport error (timeout, reset); a miss is a success with *value unset.
  bool Get(const std::string& key, std::optional<std::string>* value);
};

struct Session {
  std::string id;
  std::string payload;
};

class SessionStore {
 public:
  explicit SessionStore(MemcacheConnection* conn) : conn_(conn) {}

  std::optional<Session> Lookup(const std::string& session_id) {
    constexpr int kMaxAttempts = 3;
    std::optional<std::string> payload;
    bool fetched = false;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
      if (conn_->Get("sess:" + session_id, &payload)) {
        fetched = true;
        break;
      }
    }
    if (!fetched || !payload) {
      return std::nullopt;
    }
    return Session{session_id, *payload};
  }

 private:
  MemcacheConnection* conn_;
};

}  // namespace sessions
