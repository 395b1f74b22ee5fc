#include "link/CheckGlobs.h"

#include <sstream>

namespace retrylint {

bool globMatches(const std::string &glob, const std::string &text) {
  size_t g = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      mark = t;
    } else if (g < glob.size() && glob[g] == text[t]) {
      ++g, ++t;
    } else if (star != std::string::npos) {
      g = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*')
    ++g;
  return g == glob.size();
}

bool globListEnables(const std::string &globs, const std::string &id) {
  bool enabled = globs.find_first_not_of(" \t,") == std::string::npos;
  std::stringstream in(globs);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b == std::string::npos)
      continue;
    item = item.substr(b, e - b + 1);
    bool enable = item[0] != '-';
    if (globMatches(enable ? item : item.substr(1), id))
      enabled = enable;
  }
  return enabled;
}

} // namespace retrylint
