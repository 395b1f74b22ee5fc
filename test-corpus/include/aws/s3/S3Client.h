// Stub of aws-sdk-cpp's S3 client (aws/s3/S3Client.h and its model headers): real names and
// signatures, no bodies. Not a corpus case.
#pragma once

#include <memory>
#include <string>

#include "aws/core/client/ClientConfiguration.h"

namespace Aws {
namespace Utils {

template <typename R, typename E>
class Outcome {
 public:
  bool IsSuccess() const { return success_; }
  const R& GetResult() const { return result_; }
  const E& GetError() const { return error_; }

 private:
  bool success_ = false;
  R result_;
  E error_;
};

}  // namespace Utils

namespace S3 {

class S3Error {
 public:
  bool ShouldRetry() const { return false; }
};

struct S3ClientConfiguration : public Aws::Client::ClientConfiguration {
  bool useVirtualAddressing = true;
};

namespace Model {

class GetObjectRequest {
 public:
  GetObjectRequest& WithBucket(const std::string& bucket) { bucket_ = bucket; return *this; }
  GetObjectRequest& WithKey(const std::string& key) { key_ = key; return *this; }

 private:
  std::string bucket_, key_;
};

class GetObjectResult {
 public:
  long GetContentLength() const { return 0; }
};

using GetObjectOutcome = Aws::Utils::Outcome<GetObjectResult, S3Error>;

}  // namespace Model

class S3Client {
 public:
  explicit S3Client(const S3ClientConfiguration& clientConfiguration = S3ClientConfiguration());
  explicit S3Client(const Aws::Client::ClientConfiguration& clientConfiguration, bool useVirtualAddressing = true);
  Model::GetObjectOutcome GetObject(const Model::GetObjectRequest& request) const;
};

}  // namespace S3
}  // namespace Aws
