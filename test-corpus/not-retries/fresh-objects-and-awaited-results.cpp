// Near misses: building a fresh reader for each file of a list still walks the list, and a
// loop that only blocks on a completion and tests its result attempts nothing itself.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace archive {

class Status {
 public:
  bool ok() const;
};

class Reader {
 public:
  Reader(const std::string& path, bool last);
  Status Open();
};

class Completion {
 public:
  Status Wait();
};

std::unique_ptr<Reader> OpenFirstReadable(const std::vector<std::string>& paths) {
  std::unique_ptr<Reader> reader;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    reader = std::make_unique<Reader>(paths[i], i + 1 == paths.size());
    if (reader->Open().ok()) {
      return reader;
    }
  }
  return nullptr;
}

Status AwaitFlush(Completion& flushed) {
  while (true) {
    Status s = flushed.Wait();
    if (s.ok()) {
      return s;
    }
  }
}

}  // namespace archive
