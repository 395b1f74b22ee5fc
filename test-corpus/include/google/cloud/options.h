// Stub of google-cloud-cpp's Options (google/cloud/options.h): a typed bag of settings, real
// names and signatures, trivial bodies. Not a corpus case.
#pragma once

#include <utility>

namespace google {
namespace cloud {

class Options {
 public:
  template <typename T>
  Options& set(typename T::Type value) & {
    (void)value;
    return *this;
  }
  template <typename T>
  Options&& set(typename T::Type value) && {
    (void)value;
    return std::move(*this);
  }
};

}  // namespace cloud
}  // namespace google
