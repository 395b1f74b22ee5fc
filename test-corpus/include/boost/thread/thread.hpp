// Corpus stub of boost/thread/thread.hpp: boost::this_thread::sleep_for, trivial body.
#ifndef BOOST_THREAD_THREAD_HPP
#define BOOST_THREAD_THREAD_HPP

#include <chrono>
#include <thread>

#include "boost/chrono/duration.hpp"

namespace boost {
namespace this_thread {

template <class Rep, class Period>
void sleep_for(const chrono::duration<Rep, Period>& d) {
  std::this_thread::sleep_for(std::chrono::duration<Rep, std::ratio<Period::num, Period::den>>(d.count()));
}

}  // namespace this_thread
}  // namespace boost

#endif  // BOOST_THREAD_THREAD_HPP
