// Positive: a request re-sent from its own catch block. A server that keeps answering "stale
// plan" gets the request again at once, with no pause, no attempt cap and no budget.
#include <string>

namespace query {

struct StalePlan {};

class Connection {
 public:
  std::string write(const std::string& request);  // throws StalePlan
};

class Command {
 public:
  std::string send() {
    try {
      return conn_->write(request_);
    } catch (const StalePlan&) {
      prepared_.clear();
      return send();  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted says="re-invokes `query::Command::send` on failure with no delay"
    }
  }

 private:
  Connection* conn_ = nullptr;
  std::string request_;
  std::string prepared_;
};

}  // namespace query
