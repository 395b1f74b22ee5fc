// Positive: C-style POSIX code, usleep(1000 * (1 << i)) between connect() attempts to a local
// agent's unix socket: 1, 2, 4, 8, 16, 32 ms, identical in every process started together.
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace metrics {

// Returns a connected socket to the metrics agent, or -1.
int ConnectToAgent(const char* socket_path) {
  sockaddr_un addr;
  std::memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path, sizeof(addr.sun_path) - 1);

  for (int i = 0; i < 6; ++i) {  // expect: retry-unbudgeted
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
      return -1;
    }
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
      return fd;
    }
    const int saved_errno = errno;
    close(fd);
    if (saved_errno != ECONNREFUSED && saved_errno != ENOENT) {
      return -1;  // not the "agent still starting" case
    }
    usleep(1000 * (1 << i));  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return -1;
}

}  // namespace metrics
