// Corpus stub of boost/asio/coroutine.hpp: Asio's stackless coroutine. `coroutine` holds the
// resume point; BOOST_ASIO_CORO_REENTER opens a switch over it and each BOOST_ASIO_CORO_YIELD
// is a case label that the next entry jumps to, with `for (;;)` loops that route the exits
// (the same expansion shape as Boost's, so the analyzer sees what it sees on real code).
#ifndef BOOST_ASIO_COROUTINE_HPP
#define BOOST_ASIO_COROUTINE_HPP

namespace boost {
namespace asio {
namespace detail {
class coroutine_ref;
}  // namespace detail

class coroutine {
 public:
  coroutine() = default;
  bool is_child() const { return value_ < 0; }
  bool is_parent() const { return !is_child(); }
  bool is_complete() const { return value_ == -1; }

 private:
  friend class detail::coroutine_ref;
  int value_ = 0;
};

namespace detail {

// The resume point while the body runs; left unmodified (the body ran to its end), it marks
// the coroutine complete.
class coroutine_ref {
 public:
  coroutine_ref(coroutine& c) : value_(c.value_) {}
  coroutine_ref(coroutine* c) : value_(c->value_) {}
  coroutine_ref(const coroutine_ref&) = default;
  ~coroutine_ref() {
    if (!modified_) value_ = -1;
  }
  operator int() const { return value_; }
  int& operator=(int v) {
    modified_ = true;
    return value_ = v;
  }

 private:
  int& value_;
  bool modified_ = false;
};

}  // namespace detail
}  // namespace asio
}  // namespace boost

#define BOOST_ASIO_CORO_REENTER(c)                                  \
  switch (::boost::asio::detail::coroutine_ref _coro_value = c)     \
  case -1:                                                          \
    if (_coro_value) {                                              \
      goto terminate_coroutine;                                     \
    terminate_coroutine:                                            \
      _coro_value = -1;                                             \
      goto bail_out_of_coroutine;                                   \
    bail_out_of_coroutine:                                          \
      break;                                                        \
    } else /* fall through */                                       \
    case 0:

#define BOOST_ASIO_CORO_YIELD_IMPL(n)                               \
  for (_coro_value = (n);;)                                         \
    if (_coro_value == 0) {                                         \
    case (n):;                                                      \
      break;                                                        \
    } else                                                          \
      switch (_coro_value ? 0 : 1)                                  \
        for (;;)                                                    \
        case -1:                                                    \
          if (_coro_value)                                          \
            goto terminate_coroutine;                               \
          else                                                      \
            for (;;)                                                \
            case 1:                                                 \
              if (_coro_value)                                      \
                goto bail_out_of_coroutine;                         \
              else /* fall through */                               \
              case 0:

#define BOOST_ASIO_CORO_YIELD BOOST_ASIO_CORO_YIELD_IMPL(__COUNTER__ + 1)

#endif  // BOOST_ASIO_COROUTINE_HPP
