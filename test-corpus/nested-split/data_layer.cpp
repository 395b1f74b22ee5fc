// Classic incident 3, split: the data layer retries each pool read 3 times. Alone, this file
// has one retrying layer and is clean; tests/cli/fanout_split_test.sh links it with
// service.cpp and gateway.cpp, where it becomes layer 3 of 3.
#include <string>

#include "include/storefront.h"

namespace storefront {

absl::StatusOr<std::string> DataLayer::Read(const std::string& key) {
  return Retry(*budget_, 3, [&] { return pool_->Read(key); });  // retries 3x
}

}  // namespace storefront
