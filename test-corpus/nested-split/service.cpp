// Classic incident 3, split: the service layer retries each data-layer read 3 times. Alone,
// this file has one retrying layer (DataLayer::Read is only declared here) and is clean; linked
// with data_layer.cpp and gateway.cpp it is layer 2 of 3.
#include <string>

#include "include/storefront.h"

namespace storefront {

absl::StatusOr<std::string> Service::Get(const std::string& key) {
  return Retry(*budget_, 3, [&] { return data_->Read(key); });  // retries 3x, calling data_layer.cpp
}

}  // namespace storefront
