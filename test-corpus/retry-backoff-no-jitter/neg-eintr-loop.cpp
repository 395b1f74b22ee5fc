// Negative: re-issuing a system call interrupted by a signal (EINTR) at once and without limit is
// correct; the call did not fail, so these loops are not retries.
#include <cerrno>
#include <cstddef>
#include <sys/types.h>
#include <unistd.h>

namespace ipc {

// Reads exactly len bytes unless EOF or a real error comes first.
ssize_t ReadFully(int fd, char* buf, size_t len) {
  size_t done = 0;
  while (done < len) {
    ssize_t n = read(fd, buf + done, len - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;  // interrupted: re-issue immediately
      }
      return -1;
    }
    if (n == 0) {
      break;  // EOF
    }
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

ssize_t WriteNoIntr(int fd, const void* buf, size_t len) {
  ssize_t n;
  do {
    n = write(fd, buf, len);
  } while (n < 0 && errno == EINTR);
  return n;
}

}  // namespace ipc
