// Corpus stub of absl::BitGen and absl::Uniform: the real namespace and call shapes, bodies
// that defer to <random>.
#ifndef ABSL_RANDOM_RANDOM_H_
#define ABSL_RANDOM_RANDOM_H_

#include <cstdint>
#include <random>
#include <type_traits>

namespace absl {

class BitGen {
 public:
  using result_type = uint64_t;
  BitGen() : engine_(std::random_device{}()) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return UINT64_MAX; }
  result_type operator()() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

struct IntervalClosedClosedTag {};
struct IntervalClosedOpenTag {};
constexpr IntervalClosedClosedTag IntervalClosedClosed{};
constexpr IntervalClosedOpenTag IntervalClosedOpen{};

// Uniform(gen, lo, hi) draws from [lo, hi), as absl does by default.
template <typename R, typename URBG>
R Uniform(URBG&& urbg, R lo, R hi) {
  if constexpr (std::is_floating_point<R>::value) {
    return std::uniform_real_distribution<R>(lo, hi)(urbg);
  } else {
    return std::uniform_int_distribution<R>(lo, hi - 1)(urbg);
  }
}

template <typename R, typename URBG>
R Uniform(IntervalClosedClosedTag, URBG&& urbg, R lo, R hi) {
  if constexpr (std::is_floating_point<R>::value) {
    return std::uniform_real_distribution<R>(lo, hi)(urbg);
  } else {
    return std::uniform_int_distribution<R>(lo, hi)(urbg);
  }
}

}  // namespace absl

#endif  // ABSL_RANDOM_RANDOM_H_
