// Corpus stub of boost/asio/io_context.hpp: an io_context and its executor, trivial bodies.
#ifndef BOOST_ASIO_IO_CONTEXT_HPP
#define BOOST_ASIO_IO_CONTEXT_HPP

namespace boost {
namespace asio {

class any_io_executor {};

class io_context {
 public:
  any_io_executor get_executor() noexcept { return {}; }
  void run() {}
};

}  // namespace asio
}  // namespace boost

#endif  // BOOST_ASIO_IO_CONTEXT_HPP
