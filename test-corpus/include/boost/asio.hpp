// Corpus stub of boost/asio.hpp: the pieces of Asio the corpus uses.
#ifndef BOOST_ASIO_HPP
#define BOOST_ASIO_HPP

#include "boost/asio/coroutine.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/steady_timer.hpp"
#if defined(__cpp_impl_coroutine)
#include "boost/asio/awaitable.hpp"
#endif

#endif  // BOOST_ASIO_HPP
