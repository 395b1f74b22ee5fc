// The facts cache: a TU whose compile command and every input file are unchanged keeps
// its facts from the last run, so a warm re-run of an unchanged tree parses nothing.
#pragma once

#include "facts/Facts.h"
#include "frontend/Frontend.h"

#include <optional>
#include <string>

namespace retrylint {

class FactsCache {
public:
  /// `dir` is created on the first store. `settings` are the options that change facts
  /// (--budget-functions): entries made under other settings are not reused.
  FactsCache(std::string dir, std::string settings)
      : dir(std::move(dir)), settings(std::move(settings)) {}

  /// The cached facts for `job`, if every input still has the content it had. A corrupt
  /// entry is reported on `note` and treated as a miss.
  std::optional<TUFacts> lookup(const CompileJob &job, std::string &note) const;

  /// Records `facts` (with facts.inputs) for `job`; returns an error message or "".
  std::string store(const CompileJob &job, const TUFacts &facts) const;

private:
  std::string entryPath(const CompileJob &job) const;
  std::string dir, settings;
};

} // namespace retrylint
