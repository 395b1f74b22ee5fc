// Positive: the retry lives in a lambda that re-sends a bulk request at once; the range-for that
// calls it walks distinct batches and is not a retry.
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace logship {

struct Batch {
  std::string index;
  std::vector<std::string> documents;
};

class ElasticsearchClient {
 public:
  absl::Status Bulk(const std::string& index, const std::vector<std::string>& documents);
};

size_t ShipBatches(ElasticsearchClient& es, const std::vector<Batch>& batches) {
  auto send = [&es](const Batch& batch) {
    for (int attempt = 0; attempt < 3; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
      if (es.Bulk(batch.index, batch.documents).ok()) {
        return true;
      }
    }
    return false;
  };

  size_t failed = 0;
  for (const Batch& batch : batches) {
    if (!send(batch)) {
      ++failed;
    }
  }
  return failed;
}

}  // namespace logship
