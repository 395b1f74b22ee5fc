// The file of a source span, interned: every span of one file shares one copy of its path.
// A million functions' spans (bench/link-scale.sh) held four million copies of a few hundred
// paths, each its own allocation.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace retrylint {

/// Reads as a const std::string. Equal paths are one object, so equality compares pointers;
/// ordering compares the text. The texts live until the process exits (the paths of a
/// program's files: a bounded set).
class FilePath {
public:
  FilePath();
  FilePath(std::string_view path);
  FilePath(const std::string &path) : FilePath(std::string_view(path)) {}
  FilePath(const char *path) : FilePath(std::string_view(path)) {}
  FilePath(llvm::StringRef path) : FilePath(std::string_view(path.data(), path.size())) {}

  const std::string &str() const { return *text; }
  operator const std::string &() const { return *text; }
  operator std::string_view() const { return *text; }
  operator llvm::StringRef() const { return *text; }
  bool empty() const { return text->empty(); }
  size_t size() const { return text->size(); }
  const char *c_str() const { return text->c_str(); }
  const char *data() const { return text->data(); }

  friend bool operator==(const FilePath &a, const FilePath &b) { return a.text == b.text; }
  friend bool operator!=(const FilePath &a, const FilePath &b) { return a.text != b.text; }
  friend bool operator<(const FilePath &a, const FilePath &b) { return a.text != b.text && *a.text < *b.text; }
  friend bool operator>(const FilePath &a, const FilePath &b) { return b < a; }
  friend bool operator<=(const FilePath &a, const FilePath &b) { return !(b < a); }
  friend bool operator>=(const FilePath &a, const FilePath &b) { return !(a < b); }
  friend bool operator==(const FilePath &a, std::string_view b) { return *a.text == b; }
  friend bool operator!=(const FilePath &a, std::string_view b) { return *a.text != b; }
  friend bool operator==(std::string_view a, const FilePath &b) { return a == *b.text; }
  friend bool operator!=(std::string_view a, const FilePath &b) { return a != *b.text; }
  friend bool operator==(const FilePath &a, const std::string &b) { return *a.text == b; }
  friend bool operator!=(const FilePath &a, const std::string &b) { return *a.text != b; }
  friend bool operator==(const std::string &a, const FilePath &b) { return a == *b.text; }
  friend bool operator!=(const std::string &a, const FilePath &b) { return a != *b.text; }
  friend bool operator==(const FilePath &a, const char *b) { return *a.text == b; }
  friend bool operator!=(const FilePath &a, const char *b) { return *a.text != b; }
  friend std::string operator+(const FilePath &a, const std::string &b) { return *a.text + b; }
  friend std::string operator+(const FilePath &a, const char *b) { return *a.text + b; }
  friend std::string operator+(const std::string &a, const FilePath &b) { return a + *b.text; }
  friend std::string operator+(const char *a, const FilePath &b) { return a + *b.text; }
  friend std::ostream &operator<<(std::ostream &os, const FilePath &p) { return os << *p.text; }

private:
  const std::string *text;
};

} // namespace retrylint

template <> struct std::hash<retrylint::FilePath> {
  size_t operator()(const retrylint::FilePath &p) const { return std::hash<std::string>()(p.str()); }
};
