// Near-miss: failover walks over mirrors through a cursor. The first rewinds the cursor once,
// before the walk, and then asks each mirror once; the second resets a per-mirror stopwatch on
// every turn. Neither starts the walk over, so each turn asks a different mirror: alternatives,
// not a re-attempt of the same.
#include <chrono>
#include <optional>
#include <string>
#include <thread>

namespace mirrors {

struct Mirror {
  std::string url;
};

class MirrorCursor {
 public:
  bool HasNext() const;
  const Mirror& Next();
  void Rewind();
};

class Stopwatch {
 public:
  void reset();
  long ElapsedMs() const;
};

class Fetcher {
 public:
  std::optional<std::string> Fetch(const Mirror& mirror, const std::string& path);
};

std::optional<std::string> FetchFromAnyMirror(Fetcher& fetcher, MirrorCursor& cursor,
                                              const std::string& path) {
  cursor.Rewind();
  while (cursor.HasNext()) {
    const Mirror& mirror = cursor.Next();
    if (std::optional<std::string> body = fetcher.Fetch(mirror, path)) {
      return body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

std::optional<std::string> FetchTimed(Fetcher& fetcher, MirrorCursor& cursor, Stopwatch& watch,
                                      const std::string& path, long* slowest_ms) {
  while (cursor.HasNext()) {
    watch.reset();
    std::optional<std::string> body = fetcher.Fetch(cursor.Next(), path);
    if (watch.ElapsedMs() > *slowest_ms) {
      *slowest_ms = watch.ElapsedMs();
    }
    if (body) {
      return body;
    }
  }
  return std::nullopt;
}

}  // namespace mirrors
