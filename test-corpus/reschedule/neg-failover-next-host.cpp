// Negative: failover. A failed connect moves on to the next host of the plan (by index, or by
// asking the plan for its next host); no host is tried twice, and the plan's end stops it.
#include <cstddef>
#include <string>
#include <system_error>
#include <vector>

namespace ring {

class Transport {
 public:
  std::error_code connect(const std::string& host);
};

class QueryPlan {
 public:
  const std::string* next_host();
};

void fail_request();

class Session {
 public:
  void connect(std::size_t index) {
    if (index >= hosts_.size()) {
      fail_request();
      return;
    }
    std::error_code ec = transport_.connect(hosts_[index]);
    if (ec) {
      connect(index + 1);
      return;
    }
    connected_ = true;
  }

  void send_to(const std::string* host) {
    if (host == nullptr) {
      fail_request();
      return;
    }
    std::error_code ec = transport_.connect(*host);
    if (ec)
      send_to(plan_.next_host());
  }

 private:
  std::vector<std::string> hosts_;
  Transport transport_;
  QueryPlan plan_;
  bool connected_ = false;
};

}  // namespace ring
