// Positive: boost::this_thread::sleep_for with a boost::chrono::milliseconds delay doubled in
// place; the sleep runs only when another attempt follows.
#include <string>

#include "boost/chrono/duration.hpp"
#include "boost/thread/thread.hpp"

namespace directory {

class LdapClient {
 public:
  bool Bind(const std::string& dn, const std::string& password);
};

bool BindWithRetry(LdapClient& ldap, const std::string& dn, const std::string& password) {
  const int kMaxAttempts = 4;
  boost::chrono::milliseconds delay(250);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted
    if (ldap.Bind(dn, password)) {
      return true;
    }
    if (attempt + 1 < kMaxAttempts) {
      boost::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter
      delay *= 2;
    }
  }
  return false;
}

}  // namespace directory
