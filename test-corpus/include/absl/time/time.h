// Corpus stub of absl::Duration and absl::Time: the real namespace and signatures, trivial
// bodies (a Duration is a count of nanoseconds here).
#ifndef ABSL_TIME_TIME_H_
#define ABSL_TIME_TIME_H_

#include <cstdint>
#include <type_traits>

namespace absl {

class Duration {
 public:
  constexpr Duration() = default;

  Duration& operator+=(Duration d) { ns_ += d.ns_; return *this; }
  Duration& operator-=(Duration d) { ns_ -= d.ns_; return *this; }
  Duration& operator*=(int64_t r) { ns_ *= r; return *this; }
  Duration& operator*=(double r) { ns_ = static_cast<int64_t>(static_cast<double>(ns_) * r); return *this; }
  Duration& operator/=(int64_t r) { ns_ /= r; return *this; }
  template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
  Duration& operator*=(T r) { return *this *= static_cast<int64_t>(r); }

  // Stub-only accessors; real absl keeps the representation private.
  static constexpr Duration FromNanos(int64_t ns) { return Duration(ns); }
  constexpr int64_t nanos() const { return ns_; }

 private:
  constexpr explicit Duration(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

template <typename T>
Duration operator*(Duration lhs, T rhs) { return lhs *= rhs; }
template <typename T>
Duration operator*(T lhs, Duration rhs) { return rhs *= lhs; }
inline Duration operator+(Duration lhs, Duration rhs) { return lhs += rhs; }
inline Duration operator-(Duration lhs, Duration rhs) { return lhs -= rhs; }
inline Duration operator/(Duration lhs, int64_t rhs) { return lhs /= rhs; }
constexpr bool operator<(Duration a, Duration b) { return a.nanos() < b.nanos(); }
constexpr bool operator>(Duration a, Duration b) { return b < a; }
constexpr bool operator<=(Duration a, Duration b) { return !(b < a); }
constexpr bool operator>=(Duration a, Duration b) { return !(a < b); }
constexpr bool operator==(Duration a, Duration b) { return a.nanos() == b.nanos(); }

constexpr Duration ZeroDuration() { return Duration(); }

template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
constexpr Duration Nanoseconds(T n) { return Duration::FromNanos(static_cast<int64_t>(n)); }
template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
constexpr Duration Microseconds(T n) { return Duration::FromNanos(static_cast<int64_t>(n) * 1000); }
template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
constexpr Duration Milliseconds(T n) { return Duration::FromNanos(static_cast<int64_t>(n) * 1000000); }
template <typename T, typename std::enable_if<std::is_floating_point<T>::value, int>::type = 0>
constexpr Duration Milliseconds(T n) { return Duration::FromNanos(static_cast<int64_t>(n * 1e6)); }
template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
constexpr Duration Seconds(T n) { return Duration::FromNanos(static_cast<int64_t>(n) * 1000000000); }

inline int64_t ToInt64Milliseconds(Duration d) { return d.nanos() / 1000000; }

class Time {
 public:
  constexpr Time() = default;

  Time& operator+=(Duration d) { since_epoch_ += d; return *this; }

  // Stub-only accessor; real absl keeps the representation private.
  static Time FromSinceEpoch(Duration d) { Time t; t.since_epoch_ = d; return t; }
  Duration since_epoch() const { return since_epoch_; }

 private:
  Duration since_epoch_;
};

inline Time operator+(Time t, Duration d) { return t += d; }
inline Duration operator-(Time a, Time b) { return a.since_epoch() - b.since_epoch(); }
inline bool operator<(Time a, Time b) { return a.since_epoch() < b.since_epoch(); }
inline bool operator>(Time a, Time b) { return b < a; }
inline bool operator>=(Time a, Time b) { return !(a < b); }

}  // namespace absl

#endif  // ABSL_TIME_TIME_H_
