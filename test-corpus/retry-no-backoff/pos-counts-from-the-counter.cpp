// Positive: immediate retries whose exit tests also compare things that are not the attempt
// count: an enum parameter, an error-code constant. The count comes from the counter only,
// and a loop that runs while attempt <= retries makes retries + 1 attempts.
#include <string>

namespace store {

enum class Mode { kStrict, kLenient };
enum ErrorCode { kOk = 0, kTimeout = 7, kCorrupt = 9 };

class Replica {
 public:
  ErrorCode Put(const std::string& key, const std::string& value);
};

ErrorCode Write(Replica& r, Mode mode, const std::string& k, const std::string& v) {
  ErrorCode rc = kOk;
  for (int attempt = 0; attempt < 4; ++attempt) {  // expect: retry-no-backoff says="4 attempts with no delay", retry-unbudgeted
    rc = r.Put(k, v);
    if (rc == kOk) {
      return rc;
    }
    if (rc == kCorrupt && mode == Mode::kStrict) {
      return rc;
    }
  }
  return rc;
}

ErrorCode WriteRetrying(Replica& r, const std::string& k, const std::string& v, int retries) {
  ErrorCode rc = kOk;
  for (int attempt = 0; attempt <= retries; ++attempt) {  // expect: retry-no-backoff says="up to retries + 1 attempts with no delay", retry-unbudgeted
    rc = r.Put(k, v);
    if (rc != kTimeout) {
      break;
    }
  }
  return rc;
}

}  // namespace store
