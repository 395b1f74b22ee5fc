// Negative: reading a file descriptor in chunks until EOF. Each read makes progress on new
// bytes; a short read is not a failure, so the loop is a read loop, not a retry.
#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <unistd.h>

namespace artifacts {

// FNV-1a over everything left on fd; returns false on a read error.
bool HashStream(int fd, uint64_t* digest) {
  uint64_t hash = 1469598103934665603ull;
  char buf[64 * 1024];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; ++i) {
      hash ^= static_cast<unsigned char>(buf[i]);
      hash *= 1099511628211ull;
    }
  }
  if (n < 0) {
    return false;
  }
  *digest = hash;
  return true;
}

bool SlurpManifest(int fd, std::string* out) {
  char chunk[4096];
  for (;;) {
    const ssize_t got = read(fd, chunk, sizeof chunk);
    if (got == 0) {
      return true;
    }
    if (got < 0) {
      return false;
    }
    out->append(chunk, static_cast<size_t>(got));
  }
}

}  // namespace artifacts
