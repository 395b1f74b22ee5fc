#include "facts/LineExcerpt.h"

#include <algorithm>

namespace retrylint {
namespace {

bool continuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

} // namespace

std::string lineExcerpt(std::string_view line, unsigned column, unsigned &firstColumn) {
  firstColumn = 1;
  if (line.size() <= MaxLineTextBytes)
    return std::string(line);
  // A quarter of the room before the column, the rest after: the span starts there.
  size_t at = std::min<size_t>(column > 0 ? column - 1 : 0, line.size());
  size_t start = at > MaxLineTextBytes / 4 ? at - MaxLineTextBytes / 4 : 0;
  while (start > 0 && continuationByte(line[start]))
    --start;
  size_t end = std::min(line.size(), start + MaxLineTextBytes);
  while (end < line.size() && end > start && continuationByte(line[end]))
    --end;
  firstColumn = static_cast<unsigned>(start + 1);
  return std::string(line.substr(start, end - start));
}

} // namespace retrylint
