#include "frontend/SuppressionScan.h"

#include "facts/LineExcerpt.h"

#include <cctype>
#include <fstream>
#include <set>
#include <string>

namespace retrylint {
namespace {

/// The spans that findings can be reported at, by file.
std::set<std::string> filesWithFacts(const TUFacts &facts) {
  std::set<std::string> files{facts.mainFile};
  for (const Breaker &b : facts.breakers)
    files.insert(b.decl.file);
  for (const Budget &b : facts.budgets)
    files.insert(b.decl.file);
  for (const RetryLoop &l : facts.retryLoops) {
    files.insert(l.loop.file);
    for (const SleepSite &s : l.sleeps)
      files.insert(s.span.file);
  }
  files.erase("");
  return files;
}

void scanFile(const std::string &file, std::vector<Suppression> &out) {
  std::ifstream in(file);
  std::string text;
  for (unsigned line = 1; std::getline(in, text); ++line) {
    for (size_t at = text.find("NOLINT"); at != std::string::npos; at = text.find("NOLINT", at + 6)) {
      Suppression s;
      s.file = file;
      s.line = line;
      s.column = static_cast<unsigned>(at) + 1;
      size_t next = at + 6;
      static const std::pair<const char *, Suppression::Kind> Suffixes[] = {
          {"NEXTLINE", Suppression::Kind::NextLine},
          {"BEGIN", Suppression::Kind::Begin},
          {"END", Suppression::Kind::End}};
      s.kind = Suppression::Kind::Line;
      for (const auto &[suffix, kind] : Suffixes)
        if (text.compare(next, std::string(suffix).size(), suffix) == 0) {
          s.kind = kind;
          next += std::string(suffix).size();
          break;
        }
      if (next < text.size() && std::isalnum(static_cast<unsigned char>(text[next])))
        continue; // NOLINTFOO is not ours
      if (next < text.size() && text[next] == '(') {
        size_t close = text.find(')', next);
        if (close == std::string::npos)
          continue; // clang-tidy ignores an unterminated list
        s.checks = text.substr(next + 1, close - next - 1);
        if (s.checks.find_first_not_of(" \t") == std::string::npos)
          s.checks = "-*"; // NOLINT() names no check, so it suppresses nothing
      }
      if (text.size() <= MaxLineTextBytes) // a NOLINT on a longer line is shown without it
        s.lineText = text;
      out.push_back(s);
    }
  }
}

} // namespace

void scanSuppressions(TUFacts &facts) {
  for (const std::string &file : filesWithFacts(facts))
    scanFile(file, facts.suppressions);
}

} // namespace retrylint
