#include "link/Suppressions.h"

#include "link/CheckGlobs.h"
#include "link/Program.h"

#include <algorithm>
#include <map>
#include <set>

namespace retrylint {
namespace {

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

void applySuppressions(const Program &program, std::vector<Finding> &findings) {
  takeSuppressed(program, findings);
}

std::vector<std::pair<Finding, const Suppression *>> takeSuppressed(const Program &program,
                                                                     std::vector<Finding> &findings) {
  auto files = byFile(program);
  std::map<std::string, std::vector<Region>> regions;
  for (const auto &[file, list] : files) {
    std::vector<const Suppression *> unmatched;
    matchRegions(list, regions[file], unmatched);
  }
  auto coveredBy = [&](const Finding &f) -> const Suppression * {
    auto it = files.find(f.span.file);
    if (it == files.end())
      return nullptr;
    for (const Suppression *s : it->second) {
      bool onLine = (s->kind == Suppression::Kind::Line && s->line == f.span.line) ||
                    (s->kind == Suppression::Kind::NextLine && s->line + 1 == f.span.line);
      if (onLine && globListEnables(s->checks, f.ruleId))
        return s;
    }
    for (const Region &r : regions[f.span.file])
      if (r.begin->line <= f.span.line && f.span.line <= r.endLine &&
          globListEnables(r.begin->checks, f.ruleId))
        return r.begin;
    return nullptr;
  };
  std::vector<std::pair<Finding, const Suppression *>> taken;
  std::vector<Finding> kept;
  for (Finding &f : findings) {
    if (const Suppression *s = coveredBy(f))
      taken.emplace_back(std::move(f), s);
    else
      kept.push_back(std::move(f));
  }
  findings = std::move(kept);
  return taken;
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
