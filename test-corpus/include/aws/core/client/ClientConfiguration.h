// Stub of aws-sdk-cpp's client configuration (aws/core/client/ClientConfiguration.h). A
// default-constructed configuration gets the SDK's default strategy at run time
// (DefaultRetryStrategy unless AWS_RETRY_MODE or the profile's retry_mode says otherwise);
// here the member just starts empty. Not a corpus case.
#pragma once

#include <memory>
#include <string>

#include "aws/core/client/RetryStrategy.h"

namespace Aws {
namespace Client {

struct ClientConfiguration {
  ClientConfiguration() {}
  std::string region;
  long connectTimeoutMs = 1000;
  long requestTimeoutMs = 3000;
  std::shared_ptr<RetryStrategy> retryStrategy;
};

}  // namespace Client
}  // namespace Aws
