// Corpus stub of boost::ratio: only what the boost::chrono stub needs.
#ifndef BOOST_RATIO_HPP
#define BOOST_RATIO_HPP

#include <cstdint>

namespace boost {

template <std::intmax_t N, std::intmax_t D = 1>
class ratio {
 public:
  static constexpr std::intmax_t num = N;
  static constexpr std::intmax_t den = D;
};

typedef ratio<1, 1000000000> nano;
typedef ratio<1, 1000000> micro;
typedef ratio<1, 1000> milli;

}  // namespace boost

#endif  // BOOST_RATIO_HPP
