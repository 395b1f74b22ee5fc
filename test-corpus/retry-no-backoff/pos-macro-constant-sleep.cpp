// Positive: a fixed pause hidden in a legacy macro; the delay is the same 250 ms before every
// re-bind, so it is no backoff. Reported at the loop, where the attempts are.
#include <string>
#include <unistd.h>

#define LDAP_RETRY_PAUSE() usleep(250 * 1000)

namespace directory {

enum class LdapResult { kSuccess, kServerDown, kTimeout, kInvalidCredentials };

class LdapConnection {
 public:
  LdapResult SimpleBind(const std::string& bind_dn, const std::string& password);
};

bool BindServiceAccount(LdapConnection& ldap, const std::string& bind_dn,
                        const std::string& password) {
  const int kMaxBindAttempts = 4;
  for (int attempt = 0; attempt < kMaxBindAttempts; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
    const LdapResult result = ldap.SimpleBind(bind_dn, password);
    if (result == LdapResult::kSuccess) {
      return true;
    }
    if (result == LdapResult::kInvalidCredentials) {
      return false;  // retrying cannot fix a wrong password
    }
    if (attempt + 1 < kMaxBindAttempts) {
      LDAP_RETRY_PAUSE();
    }
  }
  return false;
}

}  // namespace directory
