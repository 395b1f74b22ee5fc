#include "facts/FilePath.h"

#include <mutex>
#include <unordered_set>

namespace retrylint {
namespace {

/// The process's paths. Never destroyed: a FilePath in a static object may outlive any
/// destructor order.
struct PathTable {
  std::mutex lock;
  std::unordered_set<std::string> paths; // nodes stay where they are when the table grows
};

PathTable &table() {
  static PathTable *t = new PathTable;
  return *t;
}

const std::string *emptyPath() {
  static const std::string *empty = &*table().paths.insert(std::string()).first;
  return empty;
}

} // namespace

FilePath::FilePath() : text(emptyPath()) {}

FilePath::FilePath(std::string_view path) {
  if (path.empty()) {
    text = emptyPath();
    return;
  }
  // The spans of one facts file name one file, mostly: each thread remembers its last path
  // and takes the lock only for another.
  thread_local const std::string *last = nullptr;
  if (last && *last == path) {
    text = last;
    return;
  }
  PathTable &t = table();
  std::lock_guard<std::mutex> guard(t.lock);
  text = last = &*t.paths.emplace(path).first;
}

} // namespace retrylint
