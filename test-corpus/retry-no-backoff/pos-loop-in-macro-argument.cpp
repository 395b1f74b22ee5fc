// Positive: the retry loop sits in a lambda handed to a status-checking macro. The macro
// wraps the call, but the loop is written by this code, and it re-runs the query straight
// after a broken connection is rebuilt.
#include <functional>

#define MUST_SUCCEED(expr)   \
  do {                       \
    if (!(expr)) return false; \
  } while (0)

namespace catalogsync {

class Status {
 public:
  bool ok() const;
  bool IsBrokenPipe() const;
};

class WorkQueue {
 public:
  bool Post(std::function<void()> job);
};

class MetastoreClient {
 public:
  Status Reconnect();
  Status ListTables(int page_size);
};

bool RefreshTables(WorkQueue& queue, MetastoreClient& client) {
  MUST_SUCCEED(queue.Post([&client] {
    for (int attempt = 0; attempt < 3; attempt++) {  // expect: retry-no-backoff, retry-unbudgeted
      Status s = client.ListTables(500);
      if (s.ok() || !s.IsBrokenPipe()) {
        return;
      }
      client.Reconnect();
    }
  }));
  return true;
}

}  // namespace catalogsync
