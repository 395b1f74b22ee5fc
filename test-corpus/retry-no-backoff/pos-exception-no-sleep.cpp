// Positive: exception-based retry, the catch block reconnects and the loop calls again with no
// pause; the reconnect is another call to the same failing server, not a delay.
#include <stdexcept>
#include <string>
#include <vector>

namespace warehouse {

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Table {
  std::string db;
  std::string name;
  std::vector<std::string> partition_keys;
};

class MetastoreClient {
 public:
  Table GetTable(const std::string& db, const std::string& name);  // throws TransportError
  void Reconnect();
};

Table FetchTable(MetastoreClient& metastore, const std::string& db, const std::string& name) {
  constexpr int kMaxAttempts = 3;
  for (int attempt = 1;; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
    try {
      return metastore.GetTable(db, name);
    } catch (const TransportError&) {
      if (attempt >= kMaxAttempts) {
        throw;
      }
      metastore.Reconnect();
    }
  }
}

}  // namespace warehouse
