// The generated program's building blocks: a deterministic PRNG and one function per shape
// of code (retry loops of each kind, and ordinary code). See main.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gen {

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

inline const std::vector<std::string> kOps = {"fetch", "store", "lookup", "publish", "commit",
                                              "resolve", "connect", "refresh", "upload", "ack"};

// Retry-shaped functions (about --retry-percent of all) and ordinary ones.
std::string backoffNoJitter(Rng& r, const std::string& name);
std::string backoffFullJitter(Rng& r, const std::string& name);
std::string budgeted(Rng& r, const std::string& name);
std::string pollingLoop(Rng& r, const std::string& name);
std::string casLoop(Rng& r, const std::string& name);
std::string reconnectLoop(Rng& r, const std::string& name);
std::string exceptionRetry(Rng& r, const std::string& name);
std::string lambdaHelper(Rng& r, const std::string& name);
std::string nestedCrossTu(Rng& r, const std::string& name, const std::string& callee);
std::string failoverRange(Rng& r, const std::string& name);
std::string ordinary(Rng& r, const std::string& name, int kind);

}  // namespace gen
