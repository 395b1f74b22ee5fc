// Positive: Connect returns nullptr on failure and the loop dials again immediately; a database
// that is refusing connections gets every attempt within the same millisecond.
#include <memory>
#include <string>

namespace reporting {

struct Dsn {
  std::string host;
  int port = 3306;
  std::string user;
  std::string database;
};

class MysqlConnection {
 public:
  bool Execute(const std::string& sql);
};

class MysqlDriver {
 public:
  // nullptr if the server refused, timed out, or rejected the handshake.
  std::unique_ptr<MysqlConnection> Connect(const Dsn& dsn);
};

std::unique_ptr<MysqlConnection> OpenReportingConnection(MysqlDriver& driver, const Dsn& dsn) {
  constexpr int kMaxAttempts = 5;
  std::unique_ptr<MysqlConnection> conn;
  int attempts = 0;
  while (!conn && attempts < kMaxAttempts) {  // expect: retry-no-backoff, retry-unbudgeted
    conn = driver.Connect(dsn);
    ++attempts;
  }
  if (conn && !conn->Execute("SET SESSION TRANSACTION READ ONLY")) {
    return nullptr;
  }
  return conn;
}

}  // namespace reporting
