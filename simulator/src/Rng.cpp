#include "retrylint/sim/Rng.h"

#include <cmath>

namespace retrylint::sim {

uint64_t deriveSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  // splitmix64 over a combination that differs for every (stream, index) pair.
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1) + 0xD1B54A32D192ED03ULL * index;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double portableLog(double x) {
  if (!(x > 0))
    return x == 0 ? -HUGE_VAL : NAN;
  int exponent = 0;
  double m = std::frexp(x, &exponent); // exact: m in [0.5, 1)
  if (m < 0.70710678118654752440) {    // keep m in [sqrt(1/2), sqrt(2)) so |s| < 0.172
    m *= 2;
    --exponent;
  }
  // log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1); 14 terms reach 1e-19.
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  // 1/(2j+1), folded at compile time (correctly rounded, so the same everywhere).
  static constexpr double kOddReciprocals[] = {1.0 / 1,  1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,
                                               1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19,
                                               1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27};
  double sum = 0;
  for (int j = 13; j >= 0; --j) // Horner from the smallest term keeps rounding low
    sum = sum * s2 + kOddReciprocals[j];
  const double ln2 = 0.69314718055994530942;
  return exponent * ln2 + 2 * s * sum;
}

double Rng::normal(double mean, double sd) {
  if (hasSpare_) {
    hasSpare_ = false;
    return mean + sd * spare_;
  }
  double u = 0, v = 0, s = 0;
  do {
    u = uniform(-1, 1);
    v = uniform(-1, 1);
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double scale = std::sqrt(-2 * portableLog(s) / s); // sqrt is correctly rounded (IEEE)
  spare_ = v * scale;
  hasSpare_ = true;
  return mean + sd * u * scale;
}

} // namespace retrylint::sim
