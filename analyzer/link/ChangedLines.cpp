#include "link/ChangedLines.h"

#include "link/Program.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <sstream>

namespace retrylint {

namespace {

/// "b/src/x.cpp" (git's prefix stripped), or "" for /dev/null.
std::string newSidePath(std::string path) {
  if (size_t tab = path.find('\t'); tab != std::string::npos)
    path.erase(tab); // a timestamp after the name (diff -u)
  if (path == "/dev/null")
    return "";
  if (path.size() > 1 && path[0] == '"')
    return ""; // quoted (unusual characters): git's escapes are not decoded
  if (path.rfind("b/", 0) == 0)
    path.erase(0, 2);
  return path;
}

std::string absolute(const std::string &path, const std::string &root) {
  llvm::SmallString<256> full(path);
  if (!llvm::sys::path::is_absolute(full)) {
    full = root;
    llvm::sys::path::append(full, path);
  }
  llvm::sys::path::remove_dots(full, true);
  return std::string(full);
}

/// "c,d" or "c" of a hunk header: the first line and the count (1 when omitted).
bool parseRange(const std::string &text, unsigned &first, unsigned &count) {
  std::istringstream in(text);
  if (!(in >> first))
    return false;
  count = 1;
  if (in.peek() == ',') {
    in.get();
    if (!(in >> count))
      return false;
  }
  return true;
}

/// Where a function's code is, as far as the facts say: from its name to the end of its
/// last call (a change that moves fan-out changes a call or the loop around one).
std::pair<unsigned, unsigned> extent(const FunctionSummary &function) {
  unsigned last = function.span.line;
  for (const CallEdge &call : function.calls)
    last = std::max({last, call.span.line, call.span.endLine});
  return {function.span.line, last};
}

} // namespace

bool ChangedLines::changed(const std::string &file, unsigned line) const {
  auto it = files.find(file);
  if (it == files.end())
    return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const Range &r) {
    return !r.deletion && r.first <= line && line <= r.last;
  });
}

bool ChangedLines::touched(const std::string &file, unsigned first, unsigned last) const {
  auto it = files.find(file);
  if (it == files.end())
    return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const Range &r) { return r.first <= last && first <= r.last; });
}

std::string parseUnifiedDiff(const std::string &text, const std::string &root, ChangedLines &out) {
  std::istringstream in(text);
  std::string line, file;
  unsigned lineNo = 0;
  bool sawFile = false;
  // The hunk being read: the next line of the new side, the lines still to come on each
  // side, and whether lines were removed right before `newLine` (with no + lines for them).
  unsigned newLine = 0, newLeft = 0, oldLeft = 0;
  bool removed = false;
  auto flushRemoved = [&] {
    if (removed && !file.empty())
      out.files[file].push_back({newLine > 1 ? newLine - 1 : 1, newLine, true});
    removed = false;
  };
  auto addChanged = [&](unsigned n) {
    if (file.empty())
      return;
    std::vector<ChangedLines::Range> &ranges = out.files[file];
    if (!ranges.empty() && !ranges.back().deletion && ranges.back().last + 1 == n)
      ranges.back().last = n;
    else
      ranges.push_back({n, n, false});
  };
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (newLeft > 0 || oldLeft > 0) {
      char kind = line.empty() ? ' ' : line[0];
      if (kind == '+' && newLeft > 0) {
        removed = false; // a modification: the + lines say where
        addChanged(newLine++), --newLeft;
      } else if (kind == '-' && oldLeft > 0) {
        removed = true, --oldLeft;
      } else if (kind == ' ' && newLeft > 0 && oldLeft > 0) {
        flushRemoved();
        ++newLine, --newLeft, --oldLeft;
      } else if (kind != '\\') { // "\ No newline at end of file"
        return "line " + std::to_string(lineNo) + " of the diff does not fit its hunk";
      }
      if (newLeft == 0 && oldLeft == 0)
        flushRemoved();
      continue;
    }
    if (line.rfind("+++ ", 0) == 0) {
      std::string path = newSidePath(line.substr(4));
      file = path.empty() ? "" : absolute(path, root);
      sawFile = true;
    } else if (line.rfind("@@ ", 0) == 0) {
      unsigned first = 0, count = 0, oldFirst = 0, oldCount = 0;
      size_t minus = line.find(" -");
      if (!sawFile || minus == std::string::npos || !parseRange(line.substr(minus + 2), oldFirst, oldCount) ||
          !parseRange(line.substr(line.find(" +") + 2), first, count))
        return "line " + std::to_string(lineNo) + " of the diff is not a hunk header: " + line;
      // "+c,0": lines were removed after line c.
      newLine = count == 0 ? first + 1 : first;
      newLeft = count, oldLeft = oldCount;
    }
  }
  return newLeft > 0 || oldLeft > 0 ? "the diff ends inside a hunk" : "";
}

std::vector<Finding> keepChanged(const Program &program, const ChangedLines &changes,
                                 std::vector<Finding> &findings) {
  // The functions of each file that changed, by extent.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> changedFunctions;
  for (const TUFacts &tu : program.tus)
    for (const FunctionSummary &function : tu.functions) {
      auto [first, last] = extent(function);
      if (changes.touched(function.span.file, first, last))
        changedFunctions[function.span.file].push_back({first, last});
    }
  auto inChangedFunction = [&](const SourceSpan &site) {
    auto it = changedFunctions.find(site.file);
    return it != changedFunctions.end() &&
           std::any_of(it->second.begin(), it->second.end(), [&](const auto &e) {
             return e.first <= site.line && site.line <= e.second;
           });
  };
  auto about = [&](const Finding &f) {
    if (changes.changed(f.span.file, f.span.line))
      return true;
    return std::any_of(f.flow.begin(), f.flow.end(), [&](const FindingNote &layer) {
      return changes.touched(layer.span.file, layer.span.line,
                             std::max(layer.span.line, layer.span.endLine)) ||
             inChangedFunction(layer.span);
    });
  };
  std::vector<Finding> kept, others;
  for (Finding &f : findings)
    (about(f) ? kept : others).push_back(std::move(f));
  findings = std::move(kept);
  return others;
}

} // namespace retrylint
