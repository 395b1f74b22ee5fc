// Retry loops of each kind the analyzer meets, with and without the anti-patterns.
#include "Shapes.h"

#include <cstdarg>
#include <cstdio>

namespace gen {

// ---- retry loops -------------------------------------------------------------------------

// Exponential backoff, no jitter: the classic storm.
std::string backoffNoJitter(Rng& r, const std::string& name) {
  int base = r.pick<int>({10, 20, 50, 100, 200});
  int attempts = r.range(3, 8);
  bool shift = r.below(2) == 0;
  std::string op = r.pick(kOps);
  if (shift)
    return fmt(R"(bench::Status %s(int key) {
  bench::Status st = bench::remote_call(key, "%s");
  for (int attempt = 1; attempt < %d && !st.ok(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(%d << attempt));
    st = bench::remote_call(key, "%s");
  }
  return st;
}
)", name.c_str(), op.c_str(), attempts, base, op.c_str());
  return fmt(R"(bench::Status %s(int key) {
  auto delay = std::chrono::milliseconds(%d);
  bench::Status st = bench::remote_call(key, "%s");
  for (int attempt = 1; attempt < %d; ++attempt) {
    if (st.ok()) break;
    std::this_thread::sleep_for(delay);
    delay *= %d;
    st = bench::remote_call(key, "%s");
  }
  return st;
}
)", name.c_str(), base, op.c_str(), attempts, r.pick<int>({2, 2, 3}), op.c_str());
}

// Capped exponential backoff with full jitter.
std::string backoffFullJitter(Rng& r, const std::string& name) {
  int base = r.pick<int>({10, 25, 50, 100});
  int cap = base * r.pick<int>({16, 32, 64});
  int attempts = r.range(3, 7);
  std::string op = r.pick(kOps);
  return fmt(R"(bench::Status %s(int key) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  bench::Status st = bench::remote_call(key, "%s");
  for (int attempt = 1; attempt < %d && !st.ok(); ++attempt) {
    const long ceiling = std::min<long>(%d, %dL << attempt);
    std::uniform_int_distribution<long> jitter(0, ceiling);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    st = bench::remote_call(key, "%s");
  }
  return st;
}
)", name.c_str(), op.c_str(), attempts, cap, base, op.c_str());
}

// Budgeted retry: a token bucket is consulted before each retry.
std::string budgeted(Rng& r, const std::string& name) {
  int base = r.pick<int>({20, 50, 100});
  int attempts = r.range(3, 5);
  std::string op = r.pick(kOps);
  return fmt(R"(bench::Status %s(bench::RetryBudget& budget, int key) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  budget.OnRequest();
  bench::Status st = bench::remote_call(key, "%s");
  for (int attempt = 1; attempt < %d && !st.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter(0, %d << attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    st = bench::remote_call(key, "%s");
  }
  return st;
}
)", name.c_str(), op.c_str(), attempts, base, op.c_str());
}

// Polling a job with a fixed interval under a deadline.
std::string pollingLoop(Rng& r, const std::string& name) {
  int interval = r.pick<int>({5, 10, 50, 100, 250});
  int timeout = interval * r.range(20, 200);
  return fmt(R"(bool %s(int job) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(%d);
  while (!bench::poll_ready(job)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(%d));
  }
  return true;
}
)", name.c_str(), timeout, interval);
}

// Compare-and-swap loop: retries, but not a retry of a remote call.
std::string casLoop(Rng& r, const std::string& name) {
  int cap = r.pick<int>({64, 1024, 1 << 20});
  if (r.below(2) == 0)
    return fmt(R"(bool %s(std::atomic<int>& counter) {
  int current = counter.load(std::memory_order_relaxed);
  do {
    if (current >= %d) return false;
  } while (!counter.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel));
  return true;
}
)", name.c_str(), cap);
  return fmt(R"(void %s(std::atomic<long>& maximum, long value) {
  long seen = maximum.load();
  while (value > seen && !maximum.compare_exchange_weak(seen, value)) {
  }
  (void)%d;
}
)", name.c_str(), cap);
}

// Reconnect forever with a capped, non-jittered backoff and a stop flag.
std::string reconnectLoop(Rng& r, const std::string& name) {
  int base = r.pick<int>({50, 100, 500});
  int cap = base * r.pick<int>({8, 20, 60});
  return fmt(R"(void %s(bench::Connection& conn, const std::atomic<bool>& stop) {
  auto delay = std::chrono::milliseconds(%d);
  while (!stop.load()) {
    if (conn.connect()) break;
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(%d));
  }
}
)", name.c_str(), base, cap);
}

// Exceptions as the failure signal.
std::string exceptionRetry(Rng& r, const std::string& name) {
  int attempts = r.range(2, 6);
  int sleepMs = r.pick<int>({0, 100, 300});
  std::string op = r.pick(kOps);
  std::string sleep = sleepMs ? fmt("      std::this_thread::sleep_for(std::chrono::milliseconds(%d));\n", sleepMs) : "";
  return fmt(R"(std::string %s(int key) {
  for (int attempt = 0; attempt < %d; ++attempt) {
    try {
      return bench::fetch_or_throw(key, "%s");
    } catch (const std::runtime_error&) {
%s    }
  }
  return {};
}
)", name.c_str(), attempts, op.c_str(), sleep.c_str());
}

// A generic helper taking a std::function, and callers passing lambdas.
std::string lambdaHelper(Rng& r, const std::string& name) {
  int attempts = r.range(2, 5);
  return fmt(R"(bench::Status %s(const std::function<bench::Status()>& op) {
  bench::Status st = op();
  int attempt = 1;
  while (!st.ok() && attempt < %d) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    st = op();
    ++attempt;
  }
  return st;
}
)", name.c_str(), attempts);
}

// Retry loop whose body calls another TU's retrying service: nested retries across TUs.
std::string nestedCrossTu(Rng& r, const std::string& name, const std::string& callee) {
  int attempts = r.range(2, 4);
  return fmt(R"(bench::Status %s(int key) {
  bench::Status st = %s(key);
  for (int attempt = 1; attempt < %d && !st.ok(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    st = %s(key);
  }
  return st;
}
)", name.c_str(), callee.c_str(), attempts, callee.c_str());
}

// Range loop over endpoints: failover, not a retry storm.
std::string failoverRange(Rng& r, const std::string& name) {
  std::string op = r.pick(kOps);
  return fmt(R"(bench::Status %s(const std::vector<int>& replicas) {
  bench::Status last{14};
  for (int replica : replicas) {
    last = bench::remote_call(replica, "%s");
    if (last.ok()) return last;
  }
  return last;
}
)", name.c_str(), op.c_str());
}

}  // namespace gen
