// Corpus stub of boost/system/error_code.hpp: an error code that tests true on failure.
#ifndef BOOST_SYSTEM_ERROR_CODE_HPP
#define BOOST_SYSTEM_ERROR_CODE_HPP

namespace boost {
namespace system {

class error_code {
 public:
  error_code() = default;
  int value() const noexcept { return value_; }
  explicit operator bool() const noexcept { return value_ != 0; }
  bool operator!() const noexcept { return value_ == 0; }

 private:
  int value_ = 0;
};

}  // namespace system
}  // namespace boost

#endif  // BOOST_SYSTEM_ERROR_CODE_HPP
