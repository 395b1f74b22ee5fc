// Corpus stub of boost/asio/ip/tcp.hpp: a TCP socket whose operations complete through a
// handler called with an error code (and a byte count for reads), or (C++20) are awaited.
#ifndef BOOST_ASIO_IP_TCP_HPP
#define BOOST_ASIO_IP_TCP_HPP

#include <cstddef>

#include "boost/asio/io_context.hpp"
#include "boost/system/error_code.hpp"
#if defined(__cpp_impl_coroutine)
#include "boost/asio/awaitable.hpp"
#endif

namespace boost {
namespace asio {

class mutable_buffer {
 public:
  mutable_buffer(void* data, std::size_t size) : data_(data), size_(size) {}

 private:
  void* data_;
  std::size_t size_;
};

inline mutable_buffer buffer(void* data, std::size_t size) { return mutable_buffer(data, size); }

namespace ip {

class tcp {
 public:
  class endpoint {};

  class socket {
   public:
    explicit socket(io_context&) {}
    explicit socket(any_io_executor) {}

    template <class Handler>
    void async_connect(const endpoint& peer, Handler&& handler);
    template <class Handler>
    void async_read_some(const mutable_buffer& buffer, Handler&& handler);
    void close() {}

#if defined(__cpp_impl_coroutine)
    awaitable<void> async_connect(const endpoint& peer, use_awaitable_t);
    awaitable<std::size_t> async_read_some(const mutable_buffer& buffer, use_awaitable_t);
#endif
  };
};

}  // namespace ip
}  // namespace asio
}  // namespace boost

#endif  // BOOST_ASIO_IP_TCP_HPP
