// Positive: RetryN's bound is its attempts parameter, resolved at each call site. The resolver
// calls it with kResolveAttempts (4), the connector with a literal 3, so one failed connect
// reaches DnsStub::Query 3 x 4 = 12 times.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace netutil {

template <typename Fn>
auto RetryN(int attempts, resilience::RetryBudget& budget, Fn&& fn) -> decltype(fn()) {
  constexpr std::chrono::milliseconds kBase(15);
  constexpr std::chrono::milliseconds kCap(600);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  auto result = fn();
  for (int attempt = 1; attempt < attempts && !result.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << std::min(attempt, 8)));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = fn();
  }
  return result;
}

struct Endpoint {
  std::string address;
  int port = 0;
};

class DnsStub {
 public:
  absl::StatusOr<Endpoint> Query(const std::string& host);
};

class Resolver {
 public:
  static constexpr int kResolveAttempts = 4;

  Resolver(DnsStub* dns, resilience::RetryBudget* budget) : dns_(dns), budget_(budget) {}

  absl::StatusOr<Endpoint> Resolve(const std::string& host) {
    return RetryN(kResolveAttempts, *budget_, [&] { return dns_->Query(host); });
  }

 private:
  DnsStub* dns_;
  resilience::RetryBudget* budget_;
};

class Connector {
 public:
  Connector(Resolver* resolver, resilience::RetryBudget* budget)
      : resolver_(resolver), budget_(budget) {}

  absl::StatusOr<Endpoint> Connect(const std::string& host) {
    return RetryN(3, *budget_, [&] { return resolver_->Resolve(host); });  // expect: retry-nested-fanout fanout=12
  }

 private:
  Resolver* resolver_;
  resilience::RetryBudget* budget_;
};

}  // namespace netutil
