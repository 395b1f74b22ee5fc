// Positive: a std::error_code loop that re-dials a local agent's Unix socket at once while the
// listen backlog is full (EAGAIN) or the agent is restarting (ECONNREFUSED).
#include <string>
#include <system_error>

#include "resilience/retry_budget.h"

namespace tracing {

class UnixSocket {
 public:
  std::error_code Connect(const std::string& path);
  std::error_code Send(const std::string& bytes);
};

bool IsTransient(const std::error_code& ec) {
  return ec == std::errc::resource_unavailable_try_again || ec == std::errc::connection_refused;
}

std::error_code FlushSpans(UnixSocket& socket, resilience::RetryBudget& budget,
                           const std::string& encoded_spans) {
  constexpr int kMaxAttempts = 4;
  const std::string agent_path = "/var/run/trace-agent/apm.socket";
  budget.OnRequest();
  std::error_code ec;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-no-backoff
    if (attempt > 0 && !budget.TryRetry()) {
      break;
    }
    ec = socket.Connect(agent_path);
    if (!ec) {
      return socket.Send(encoded_spans);
    }
    if (!IsTransient(ec)) {
      break;
    }
  }
  return ec;
}

}  // namespace tracing
