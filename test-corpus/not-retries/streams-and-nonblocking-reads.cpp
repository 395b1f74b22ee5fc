// Near-miss: reading data. A block decoder reads counts until a zero count ends the
// stream, a non-blocking socket is read until it would block, and a receive loop waits in
// poll() for readiness whenever the socket says "again". Each read gets new data.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <vector>

namespace wire {

class Reader {
 public:
  int64_t ReadCount();
  int64_t ReadItem();
};

std::vector<int64_t> ReadBlocks(Reader& reader) {
  std::vector<int64_t> items;
  while (true) {
    int64_t count = reader.ReadCount();
    if (count == 0) {
      break;
    }
    for (int64_t i = 0; i < count; ++i) {
      items.push_back(reader.ReadItem());
    }
  }
  return items;
}

long DrainSocket(int fd, std::vector<char>& out) {
  char buf[4096];
  long total = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return total;
      }
      return -1;
    }
    if (n == 0) {
      return total;
    }
    out.insert(out.end(), buf, buf + n);
    total += n;
  }
}

ssize_t RecvWhenReady(int fd, char* buf, size_t len) {
  ssize_t n;
  while ((n = recv(fd, buf, len, 0)) < 0 && errno == EAGAIN) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0) {
      return -1;
    }
  }
  return n;
}

}  // namespace wire
