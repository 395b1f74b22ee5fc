#include "lsp/Protocol.h"

#include "report/Report.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <cctype>

namespace retrylint::lsp {
namespace {

/// Bytes of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
unsigned sequenceLength(unsigned char lead) {
  if (lead >= 0xF0)
    return 4;
  if (lead >= 0xE0)
    return 3;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

} // namespace

std::string uriFromPath(const std::string &path) { return "file://" + encodePath(path); }

std::optional<std::string> pathFromUri(const std::string &uri) {
  const std::string scheme = "file://";
  if (uri.compare(0, scheme.size(), scheme) != 0)
    return std::nullopt;
  std::string rest = uri.substr(scheme.size());
  size_t slash = rest.find('/');
  if (slash == std::string::npos)
    return std::nullopt;
  std::string authority = rest.substr(0, slash);
  if (!authority.empty() && authority != "localhost")
    return std::nullopt; // a file on another host
  std::string decoded;
  for (size_t i = slash; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hexValue(rest[i + 1]) >= 0 &&
        hexValue(rest[i + 2]) >= 0) {
      decoded += static_cast<char>(hexValue(rest[i + 1]) * 16 + hexValue(rest[i + 2]));
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      decoded += rest[i];
    }
  }
  llvm::SmallString<256> path(decoded);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

unsigned PositionEncoding::character(const std::string &lineText, unsigned byteColumn) const {
  unsigned bytes = byteColumn > 0 ? byteColumn - 1 : 0;
  if (utf8)
    return bytes;
  unsigned units = 0;
  for (size_t i = 0; i < bytes;) {
    if (i >= lineText.size()) { // past the known text: one unit per byte
      units += static_cast<unsigned>(bytes - i);
      break;
    }
    unsigned length = sequenceLength(static_cast<unsigned char>(lineText[i]));
    units += length == 4 ? 2 : 1; // outside the BMP: a surrogate pair
    i += length;
  }
  return units;
}

unsigned PositionEncoding::byteColumn(const std::string &lineText, unsigned character) const {
  if (utf8)
    return character + 1;
  size_t i = 0;
  for (unsigned units = 0; units < character;) {
    if (i >= lineText.size())
      return static_cast<unsigned>(i + (character - units) + 1);
    unsigned length = sequenceLength(static_cast<unsigned char>(lineText[i]));
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return static_cast<unsigned>(i + 1);
}

json PositionEncoding::position(unsigned line, unsigned column, const std::string &lineText) const {
  return {{"line", line > 0 ? line - 1 : 0}, {"character", character(lineText, column)}};
}

json PositionEncoding::range(const SourceSpan &span) const {
  unsigned endLine = span.endLine >= span.line ? span.endLine : span.line;
  unsigned endColumn = span.endColumn;
  if (endLine == span.line && endColumn < span.column)
    endColumn = span.column;
  // The facts keep the first line's text only: a later line's column is counted in bytes.
  return {{"start", position(span.line, span.column, span.lineText)},
          {"end", position(endLine, endColumn, endLine == span.line ? span.lineText : "")}};
}

json PositionEncoding::location(const SourceSpan &span) const {
  return {{"uri", uriFromPath(span.file)}, {"range", range(span)}};
}

std::string lineOf(const std::string &text, unsigned line) {
  size_t start = 0;
  for (unsigned i = 0; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos)
      return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string result = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!result.empty() && result.back() == '\r')
    result.pop_back();
  return result;
}

} // namespace retrylint::lsp
