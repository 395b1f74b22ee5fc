// Corpus stub of boost/asio/yield.hpp: the short keywords of the stackless coroutine
// (`reenter`, `yield`; `fork` is left out of this stub).
#include "boost/asio/coroutine.hpp"

#ifndef reenter
#define reenter(c) BOOST_ASIO_CORO_REENTER(c)
#endif

#ifndef yield
#define yield BOOST_ASIO_CORO_YIELD
#endif
