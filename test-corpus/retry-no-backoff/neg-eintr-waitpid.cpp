// Negative: system calls re-issued after a signal interrupted them (EINTR). Nothing failed, so
// re-issuing at once and without limit is the correct idiom, not a retry.
#include <cerrno>
#include <fcntl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace supervisor {

// Waits for a child to exit and returns its wait status, or -1.
int WaitForChild(pid_t pid) {
  int wstatus = 0;
  pid_t r;
  while ((r = waitpid(pid, &wstatus, 0)) == -1) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return wstatus;
}

// glibc's TEMP_FAILURE_RETRY: the same idiom as a macro.
int OpenPidFile(const char* path) {
  return TEMP_FAILURE_RETRY(open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
}

int ClosePidFile(int fd) {
  int rc;
  do {
    rc = close(fd);
  } while (rc == -1 && errno == EINTR);
  return rc;
}

}  // namespace supervisor
