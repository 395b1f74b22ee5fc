// Random numbers that are byte-identical on every machine for a given seed.
#pragma once

#include <cstdint>
#include <random>

namespace retrylint::sim {

/// Mixes a seed with a stream id and an index (splitmix64), so that independent streams
/// (arrival phases, jitter draws, one contention run) never share an engine state and a
/// policy compared with its fixed variant sees the same arrivals.
uint64_t deriveSeed(uint64_t seed, uint64_t stream, uint64_t index = 0);

/// Natural logarithm built from +, *, / and frexp only: libm's log is not guaranteed to
/// round the same way everywhere, and the normal draws below depend on it.
double portableLog(double x);

/// A random source that uses only the raw output of std::mt19937_64 (whose sequence the
/// standard fixes) and never the std distributions, whose algorithms differ between
/// libstdc++, libc++ and MSVC.
class Rng {
public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  /// Uniform on [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  /// Normal(mean, sd) by Marsaglia's polar method.
  double normal(double mean, double sd);

private:
  std::mt19937_64 engine_;
  double spare_ = 0; // the polar method yields two variates; keep the second
  bool hasSpare_ = false;
};

} // namespace retrylint::sim
