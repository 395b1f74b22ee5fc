// Stub of aws-sdk-cpp's allocation helpers (aws/core/utils/memory/AWSMemory.h): the real
// names and signatures, trivial bodies. Not a corpus case.
#pragma once

#include <memory>
#include <utility>

namespace Aws {

template <typename T, typename... Args>
std::shared_ptr<T> MakeShared(const char* allocationTag, Args&&... args) {
  (void)allocationTag;
  return std::make_shared<T>(std::forward<Args>(args)...);
}

}  // namespace Aws
