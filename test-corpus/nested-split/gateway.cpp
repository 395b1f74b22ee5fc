// Classic incident 3, split: the gateway retries each service call 3 times. Alone, this file
// has one retrying layer and is clean. Linked with service.cpp and data_layer.cpp, one failed
// request reaches ConnectionPool::Read 3 x 3 x 3 = 27 times, reported here, at the outermost
// layer (see tests/cli/fanout_split_test.sh).
#include <string>

#include "include/storefront.h"

namespace storefront {

absl::StatusOr<std::string> Gateway::Handle(const std::string& key) {
  return Retry(*budget_, 3, [&] { return svc_->Get(key); });  // retries 3x, calling service.cpp
}

}  // namespace storefront
