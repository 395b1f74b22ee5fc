// Negative: listing a bucket page by page until the continuation token is empty. Each call asks
// for a different page; an error ends the listing, so nothing is retried.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace gcs {

struct ObjectPage {
  std::vector<std::string> names;
  std::string next_page_token;
};

class StorageClient {
 public:
  absl::StatusOr<ObjectPage> ListObjects(const std::string& bucket, const std::string& prefix,
                                         const std::string& page_token);
};

absl::StatusOr<std::vector<std::string>> ListAll(StorageClient& storage, const std::string& bucket,
                                                 const std::string& prefix) {
  std::vector<std::string> all;
  std::string token;
  do {
    absl::StatusOr<ObjectPage> page = storage.ListObjects(bucket, prefix, token);
    if (!page.ok()) {
      return page.status();
    }
    all.insert(all.end(), page->names.begin(), page->names.end());
    token = page->next_page_token;
  } while (!token.empty());
  return all;
}

}  // namespace gcs
