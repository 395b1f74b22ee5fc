// Corpus stub of boost::chrono::duration: a distinct type from std::chrono, as in Boost,
// with the arithmetic that retry code uses.
#ifndef BOOST_CHRONO_DURATION_HPP
#define BOOST_CHRONO_DURATION_HPP

#include <cstdint>

#include "boost/ratio.hpp"

namespace boost {
namespace chrono {

template <class Rep, class Period = ratio<1> >
class duration {
 public:
  typedef Rep rep;
  typedef Period period;

  constexpr duration() : rep_() {}
  constexpr explicit duration(const Rep& r) : rep_(r) {}

  constexpr Rep count() const { return rep_; }

  duration& operator+=(const duration& d) { rep_ += d.rep_; return *this; }
  duration& operator-=(const duration& d) { rep_ -= d.rep_; return *this; }
  duration& operator*=(const Rep& r) { rep_ *= r; return *this; }
  duration& operator/=(const Rep& r) { rep_ /= r; return *this; }

 private:
  Rep rep_;
};

template <class Rep, class Period>
duration<Rep, Period> operator+(duration<Rep, Period> a, const duration<Rep, Period>& b) {
  return a += b;
}
template <class Rep, class Period>
duration<Rep, Period> operator-(duration<Rep, Period> a, const duration<Rep, Period>& b) {
  return a -= b;
}
template <class Rep, class Period>
duration<Rep, Period> operator*(duration<Rep, Period> d, const Rep& r) { return d *= r; }
template <class Rep, class Period>
duration<Rep, Period> operator*(const Rep& r, duration<Rep, Period> d) { return d *= r; }
template <class Rep, class Period>
constexpr bool operator<(const duration<Rep, Period>& a, const duration<Rep, Period>& b) {
  return a.count() < b.count();
}
template <class Rep, class Period>
constexpr bool operator==(const duration<Rep, Period>& a, const duration<Rep, Period>& b) {
  return a.count() == b.count();
}

typedef duration<std::int64_t, nano> nanoseconds;
typedef duration<std::int64_t, micro> microseconds;
typedef duration<std::int64_t, milli> milliseconds;
typedef duration<std::int64_t> seconds;

}  // namespace chrono
}  // namespace boost

#endif  // BOOST_CHRONO_DURATION_HPP
