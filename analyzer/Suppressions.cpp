#include "Suppressions.h"

#include "CheckGlobs.h"
#include "Program.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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
      s.lineText = text;
      out.push_back(s);
    }
  }
}

struct Region {
  const Suppression *begin;
  unsigned endLine;
};

/// Pairs each BEGIN with the next END of the same check list, as clang-tidy does.
void matchRegions(const std::vector<const Suppression *> &inFile, std::vector<Region> &regions,
                  std::vector<const Suppression *> &unmatched) {
  std::vector<const Suppression *> open;
  for (const Suppression *s : inFile) {
    if (s->kind == Suppression::Kind::Begin) {
      open.push_back(s);
    } else if (s->kind == Suppression::Kind::End) {
      auto it = std::find_if(open.rbegin(), open.rend(),
                             [&](const Suppression *b) { return b->checks == s->checks; });
      if (it == open.rend()) {
        unmatched.push_back(s);
        continue;
      }
      regions.push_back({*it, s->line});
      open.erase(std::next(it).base());
    }
  }
  unmatched.insert(unmatched.end(), open.begin(), open.end());
}

std::map<std::string, std::vector<const Suppression *>> byFile(const Program &program) {
  std::map<std::string, std::vector<const Suppression *>> files;
  for (const Suppression *s : program.suppressions)
    files[s->file].push_back(s);
  return files;
}

} // namespace

void scanSuppressions(TUFacts &facts) {
  for (const std::string &file : filesWithFacts(facts))
    scanFile(file, facts.suppressions);
}

void applySuppressions(const Program &program, std::vector<Finding> &findings) {
  auto files = byFile(program);
  std::map<std::string, std::vector<Region>> regions;
  for (const auto &[file, list] : files) {
    std::vector<const Suppression *> unmatched;
    matchRegions(list, regions[file], unmatched);
  }
  auto suppressed = [&](const Finding &f) {
    auto it = files.find(f.span.file);
    if (it == files.end())
      return false;
    for (const Suppression *s : it->second) {
      bool onLine = (s->kind == Suppression::Kind::Line && s->line == f.span.line) ||
                    (s->kind == Suppression::Kind::NextLine && s->line + 1 == f.span.line);
      if (onLine && globListEnables(s->checks, f.ruleId))
        return true;
    }
    for (const Region &r : regions[f.span.file])
      if (r.begin->line <= f.span.line && f.span.line <= r.endLine &&
          globListEnables(r.begin->checks, f.ruleId))
        return true;
    return false;
  };
  findings.erase(std::remove_if(findings.begin(), findings.end(), suppressed), findings.end());
}

std::vector<const Suppression *> unmatchedSuppressions(const Program &program) {
  std::vector<const Suppression *> unmatched;
  for (const auto &[file, list] : byFile(program)) {
    std::vector<Region> regions;
    matchRegions(list, regions, unmatched);
  }
  return unmatched;
}

} // namespace retrylint
