#include "report/Report.h"

#include <cctype>
#include <cstdio>

namespace retrylint {

std::string displayPath(const std::string &file, const std::string &root) {
  if (!root.empty() && file.size() > root.size() && file.compare(0, root.size(), root) == 0 &&
      (root.back() == '/' || file[root.size()] == '/'))
    return file.substr(root.size() + (root.back() == '/' ? 0 : 1));
  return file;
}

std::string encodePath(const std::string &path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string incompleteReason(const TUFacts &tu) {
  if (!tu.missingHeaders.empty()) {
    const size_t Shown = 5;
    std::string list;
    for (size_t i = 0; i < tu.missingHeaders.size() && i < Shown; ++i)
      list += (i ? ", " : "") + tu.missingHeaders[i];
    if (tu.missingHeaders.size() > Shown)
      list += " and " + std::to_string(tu.missingHeaders.size() - Shown) + " more";
    return "missing headers: " + list;
  }
  return tu.problems.empty() ? "" : tu.problems.front().message;
}

std::string sentenceMessage(const Finding &f) {
  std::string text = f.title;
  if (!text.empty())
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  text += ".";
  if (!f.fixHint.empty()) {
    std::string hint = f.fixHint;
    hint[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(hint[0])));
    text += " " + hint + ".";
  }
  return text;
}

} // namespace retrylint
