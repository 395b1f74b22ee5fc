// Suppression: a bare // NOLINT on the loop line silences every finding reported on that line
// (here retry-no-backoff and retry-unbudgeted). Nothing is reported in this file.
#include <memory>
#include <string>

namespace httpclient {

struct Response {
  int status = 0;
  std::string body;
};

class PooledConnection {
 public:
  // false when the peer had already closed the idle connection (ECONNRESET on first write)
  bool Send(const std::string& request, Response* response);
  bool reused() const;
};

class ConnectionPool {
 public:
  std::shared_ptr<PooledConnection> Checkout(const std::string& authority);
  std::shared_ptr<PooledConnection> Dial(const std::string& authority);
};

bool SendIdempotent(ConnectionPool& pool, const std::string& authority,
                    const std::string& request, Response* response) {
  std::shared_ptr<PooledConnection> conn = pool.Checkout(authority);
  for (int attempt = 0; attempt < 2; ++attempt) {  // NOLINT: stale pooled connection, resend once on a fresh one
    if (conn->Send(request, response)) {
      return true;
    }
    if (!conn->reused()) {
      return false;  // a fresh connection failed: a real error, not a stale socket
    }
    conn = pool.Dial(authority);
  }
  return false;
}

}  // namespace httpclient
