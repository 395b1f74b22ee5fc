// bench/generate.cpp: writes a large synthetic C++ program for the retrylint benchmark.
//
//   generate [--tus N] [--functions F] [--seed S] [--retry-percent P] --out DIR
//
// DIR/src/tu_NNNN.cpp   N translation units of about F functions each
// DIR/include/bench/common.h   shared types (Status, RetryBudget, Connection) and externs
// DIR/compile_commands.json    one entry per TU: clang++-19 -std=c++17 -I DIR/include -c ...
// DIR/flags.txt                the compile flags of every TU, one per line
// DIR/manifest.txt             what was generated: counts of each function kind
//
// Output is a pure function of the arguments: the PRNG is splitmix64 (no std:: distribution,
// whose results differ between standard libraries), and TU i draws from its own stream
// seeded by (seed, i), so TU i is the same whatever N is. Every TU compiles cleanly with
// clang++-19 -fsyntax-only -std=c++17 -Wall.
//
// Why C++ and not Python: the benchmark already needs clang++-19 (it is what retrylint is
// compared with), so a generator built by it adds no dependency to a fresh Debian 12 box.
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int range(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }
};

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
  char buf[8192];
  va_list ap;
  va_start(ap, f);
  std::vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

std::string tuName(int i) { return fmt("tu_%04d", i); }
std::string svcName(int i) { return fmt("svc_%04d_call", i); }

const std::vector<std::string> kOps = {"fetch", "store", "lookup", "publish", "commit",
                                       "resolve", "connect", "refresh", "upload", "ack"};

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

// ---- ordinary code -------------------------------------------------------------------------

std::string ordinary(Rng& r, const std::string& name, int kind) {
  int k = r.range(2, 97);
  switch (kind) {
    case 0:
      return fmt(R"(long %s(const std::vector<int>& values) {
  long total = 0;
  for (int v : values) total += v %% %d == 0 ? v : -v;
  return total;
}
)", name.c_str(), k);
    case 1:
      return fmt(R"(std::string %s(const std::string& prefix, int id) {
  std::string out = prefix;
  out += "-";
  out += std::to_string(id * %d);
  if (out.size() > 32) out.resize(32);
  return out;
}
)", name.c_str(), k);
    case 2:
      return fmt(R"(int %s(int code) {
  switch (code %% 4) {
    case 0: return code + %d;
    case 1: return code * 3;
    case 2: return code - 7;
    default: return 0;
  }
}
)", name.c_str(), k);
    case 3:
      return fmt(R"(void %s(std::vector<int>& data) {
  for (size_t i = 1; i < data.size(); ++i) {
    int v = data[i];
    size_t j = i;
    while (j > 0 && data[j - 1] > v) {
      data[j] = data[j - 1];
      --j;
    }
    data[j] = v + %d %% 1;
  }
}
)", name.c_str(), k);
    case 4:
      return fmt(R"(int %s(std::mutex& mu, std::vector<std::string>& log, const std::string& line) {
  std::lock_guard<std::mutex> lock(mu);
  log.push_back(line);
  return static_cast<int>(log.size()) %% %d;
}
)", name.c_str(), k);
    case 5:
      return fmt(R"(std::function<int(int)> %s(int scale) {
  return [scale](int x) { return x * scale + %d; };
}
)", name.c_str(), k);
    case 6:
      return fmt(R"(double %s(unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist(%d.0, 1.5);
  return dist(gen);
}
)", name.c_str(), k);
    case 7:
      return fmt(R"(std::vector<std::string> %s(const std::string& csv) {
  std::vector<std::string> fields;
  std::string cur;
  for (char c : csv) {
    if (c == ',') {
      fields.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields.push_back(cur);
  if (fields.size() > %d) fields.resize(%d);
  return fields;
}
)", name.c_str(), k, k);
    case 8:
      return fmt(R"(long long %s(std::chrono::steady_clock::time_point start) {
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() / %d;
}
)", name.c_str(), k);
    default:
      return fmt(R"(template <class T>
T %s(const std::vector<T>& xs, T init) {
  T acc = init;
  for (size_t i = 0; i < xs.size(); i += %d) acc = acc + xs[i];
  return acc;
}
int %s_int(const std::vector<int>& xs) { return %s<int>(xs, 0); }
)", name.c_str(), k, name.c_str(), name.c_str());
  }
}

const char* kCommonHeader = R"(// Generated by bench/generate: shared declarations of the synthetic benchmark program.
#ifndef BENCH_COMMON_H_
#define BENCH_COMMON_H_

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>

namespace bench {

struct Status {
  int code = 0;
  bool ok() const { return code == 0; }
};

Status remote_call(int key, const std::string& op);
bool poll_ready(int job);
std::string fetch_or_throw(int key, const std::string& op);

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(tokens_ + 0.1, 10.0);
  }
  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  std::mutex mu_;
  double tokens_ = 10.0;
};

class Connection {
 public:
  bool connect();
  void close();
};

}  // namespace bench

#endif  // BENCH_COMMON_H_
)";

enum Kind {
  kNoJitter, kFullJitter, kBudgeted, kPolling, kCas, kReconnect, kException, kLambda,
  kNested, kFailover, kOrdinary, kKinds
};
const char* kKindNames[kKinds] = {"backoff-no-jitter", "backoff-full-jitter", "budgeted",
                                  "polling", "cas", "reconnect", "exception-retry",
                                  "lambda-helper", "nested-cross-tu", "failover-range",
                                  "ordinary"};

struct Options {
  int tus = 200;
  int functions = 50;
  std::uint64_t seed = 1;
  int retryPercent = 20;
  std::string out;
};

[[noreturn]] void usage(const char* msg) {
  std::fprintf(stderr, "generate: %s\nusage: generate [--tus N] [--functions F] [--seed S] "
                       "[--retry-percent P] --out DIR\n", msg);
  std::exit(2);
}

std::string jsonEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\');
    o.push_back(c);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value for " + a).c_str());
      return argv[++i];
    };
    if (a == "--tus") o.tus = std::atoi(val().c_str());
    else if (a == "--functions") o.functions = std::atoi(val().c_str());
    else if (a == "--seed") o.seed = std::strtoull(val().c_str(), nullptr, 10);
    else if (a == "--retry-percent") o.retryPercent = std::atoi(val().c_str());
    else if (a == "--out") o.out = val();
    else usage(("unknown argument " + a).c_str());
  }
  if (o.out.empty()) usage("--out is required");
  if (o.tus < 1 || o.functions < 4 || o.retryPercent < 0 || o.retryPercent > 100)
    usage("need --tus >= 1, --functions >= 4, 0 <= --retry-percent <= 100");

  namespace fs = std::filesystem;
  fs::path out = fs::absolute(o.out);
  fs::remove_all(out / "src");
  fs::create_directories(out / "src");
  fs::create_directories(out / "include" / "bench");
  std::ofstream(out / "include" / "bench" / "common.h") << kCommonHeader;

  const std::string inc = (out / "include").string();
  {
    std::ofstream flags(out / "flags.txt");
    flags << "-std=c++17\n-I\n" << inc << "\n";
  }

  std::ofstream db(out / "compile_commands.json");
  db << "[\n";
  std::map<std::string, long> counts;
  long totalFunctions = 0, totalLines = 0;

  for (int t = 0; t < o.tus; ++t) {
    Rng r{o.seed * 0x100000001B3ULL ^ (static_cast<std::uint64_t>(t) + 1) * 0xD1B54A32D192ED03ULL};
    std::ostringstream body;
    std::ostringstream externs;
    const std::string ns = "gen_" + tuName(t);
    // Functions of this TU: the exported service (a retry loop) + F-1 drawn ones.
    int retryCount = (o.functions * o.retryPercent + 50) / 100;
    if (retryCount < 1) retryCount = 1;
    std::vector<int> kinds;
    kinds.push_back(kNoJitter);  // the exported service, slot 0
    for (int f = 1; f < o.functions; ++f) {
      if (f < retryCount) {
        // Weighted mix of retry-ish loops.
        static const std::vector<int> mix = {kNoJitter, kNoJitter, kFullJitter, kFullJitter,
                                             kBudgeted, kPolling, kPolling, kCas, kReconnect,
                                             kException, kLambda, kNested, kNested, kFailover};
        kinds.push_back(r.pick(mix));
      } else {
        kinds.push_back(kOrdinary);
      }
    }
    // Shuffle (Fisher-Yates) all but slot 0.
    for (size_t i = kinds.size() - 1; i > 1; --i) {
      size_t j = 1 + static_cast<size_t>(r.below(static_cast<int>(i)));
      std::swap(kinds[i], kinds[j]);
    }

    std::vector<std::string> lambdaHelpers;
    int ordinaryKind = r.below(10);
    for (size_t f = 0; f < kinds.size(); ++f) {
      std::string fname = fmt("f%02zu_", f);
      int k = kinds[f];
      counts[kKindNames[k]]++;
      totalFunctions++;
      switch (k) {
        case kNoJitter:
          if (f == 0) {
            // Exported, called by other TUs' nested loops; defined after the namespace.
            continue;
          }
          body << backoffNoJitter(r, fname + "fetch");
          break;
        case kFullJitter: body << backoffFullJitter(r, fname + "fetch_jittered"); break;
        case kBudgeted: body << budgeted(r, fname + "call_budgeted"); break;
        case kPolling: body << pollingLoop(r, fname + "wait_for_job"); break;
        case kCas: body << casLoop(r, fname + "cas_update"); break;
        case kReconnect: body << reconnectLoop(r, fname + "reconnect"); break;
        case kException: body << exceptionRetry(r, fname + "fetch_or_empty"); break;
        case kLambda: {
          std::string h = fname + "with_retry";
          body << lambdaHelper(r, h);
          // A caller in the same TU passes a lambda; counted as part of this function's kind.
          body << fmt("bench::Status %scaller(int key) {\n  return %s([key] { return "
                      "bench::remote_call(key, \"%s\"); });\n}\n",
                      fname.c_str(), h.c_str(), r.pick(kOps).c_str());
          totalFunctions++;
          counts["lambda-helper-caller"]++;
          lambdaHelpers.push_back(h);
          break;
        }
        case kNested: {
          int callee = o.tus == 1 ? t : (t + 1 + r.below(o.tus - 1)) % o.tus;
          std::string c = svcName(callee);
          if (callee != t) externs << "bench::Status " << c << "(int key);\n";
          body << nestedCrossTu(r, fname + "nested_" + std::to_string(callee), "::" + c);
          break;
        }
        case kFailover: body << failoverRange(r, fname + "failover"); break;
        default:
          body << ordinary(r, fname + "util", ordinaryKind);
          if (ordinaryKind == 9) totalFunctions++;  // the template and its int wrapper
          ordinaryKind = (ordinaryKind + 1 + r.below(3)) % 10;
          break;
      }
      body << "\n";
    }

    std::ostringstream file;
    file << "// Generated by bench/generate (seed " << o.seed << ", " << tuName(t) << " of "
         << o.tus << "). Do not edit.\n"
         << "#include <atomic>\n#include <chrono>\n#include <functional>\n#include <mutex>\n"
         << "#include <random>\n#include <stdexcept>\n#include <string>\n#include <thread>\n"
         << "#include <vector>\n\n#include \"bench/common.h\"\n\n"
         << "bench::Status " << svcName(t) << "(int key);\n" << externs.str() << "\n"
         << "namespace " << ns << " {\n\n" << body.str() << "}  // namespace " << ns << "\n\n";
    // The exported service: a retry loop that other TUs' nested loops call.
    std::string svc = backoffNoJitter(r, svcName(t));
    file << svc;
    std::string text = file.str();
    for (char c : text) totalLines += c == '\n';

    fs::path src = out / "src" / (tuName(t) + ".cpp");
    std::ofstream(src) << text;
    db << "  {\"directory\": \"" << jsonEscape(out.string()) << "\", \"file\": \""
       << jsonEscape(src.string()) << "\", \"arguments\": [\"clang++-19\", \"-std=c++17\", \"-I\", \""
       << jsonEscape(inc) << "\", \"-c\", \"" << jsonEscape(src.string()) << "\", \"-o\", \""
       << jsonEscape((out / "obj" / (tuName(t) + ".o")).string()) << "\"]}"
       << (t + 1 < o.tus ? ",\n" : "\n");
  }
  db << "]\n";

  std::ofstream man(out / "manifest.txt");
  man << "tus " << o.tus << "\nfunctions_per_tu " << o.functions << "\nseed " << o.seed
      << "\nretry_percent " << o.retryPercent << "\nfunctions " << totalFunctions
      << "\nlines " << totalLines << "\n";
  for (auto& [k, v] : counts) man << "kind " << k << " " << v << "\n";
  std::printf("generated %d TUs, %ld functions, %ld lines in %s\n", o.tus, totalFunctions,
              totalLines, out.c_str());
  return 0;
}
