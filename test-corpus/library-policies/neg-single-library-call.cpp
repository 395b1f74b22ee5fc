// Negative: one S3 GetObject through a client with the SDK's default strategy (11 attempts)
// and no loop of the user's around it: one retrying layer, no nest.
#include <optional>
#include <string>

#include <aws/core/client/ClientConfiguration.h>
#include <aws/s3/S3Client.h>

namespace media {

std::optional<long> ObjectSizeOnce(const std::string& bucket, const std::string& key) {
  Aws::S3::S3Client s3;
  Aws::S3::Model::GetObjectRequest request;
  request.WithBucket(bucket).WithKey(key);
  Aws::S3::Model::GetObjectOutcome outcome = s3.GetObject(request);
  if (!outcome.IsSuccess()) return std::nullopt;
  return outcome.GetResult().GetContentLength();
}

}  // namespace media
