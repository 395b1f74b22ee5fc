// Positive: POSIX sleep(1u << i) in whole seconds while DNS answers EAI_AGAIN: 1, 2, 4, 8 s.
#include <cstring>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace discovery {

int ResolveWithRetry(const char* host, const char* port, addrinfo** out) {
  addrinfo hints;
  std::memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;

  int rc = 0;
  for (unsigned i = 0; i < 4; ++i) {  // expect: retry-unbudgeted
    rc = getaddrinfo(host, port, &hints, out);
    if (rc != EAI_AGAIN) {
      return rc;  // resolved, or a permanent failure
    }
    sleep(1u << i);  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return rc;
}

}  // namespace discovery
