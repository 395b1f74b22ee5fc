#include "cli/ProjectConfig.h"

#include "checks/Registry.h"
#include "cli/CiOptions.h"
#include "cli/ConfigFile.h"
#include "link/CheckGlobs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;

namespace retrylint {
namespace {

cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the configuration that holds for the first input (its "
                                  ".retrylint.yaml files merged, then the flags) and exit"),
                         cl::cat(ciCategory()), cl::sub(cl::SubCommand::getAll()));

ConfigFinder Finder;
std::string FlagChecks; // --checks as given, or "" when not given

std::string absolute(const std::string &path) {
  SmallString<256> full(path);
  sys::fs::make_absolute(full);
  sys::path::remove_dots(full, true);
  return std::string(full);
}

/// The checks enabled for a file under `config` (null: no config), after the flags.
std::string globsFor(const EffectiveConfig *config) {
  std::string globs = config ? config->checks : "";
  if (!FlagChecks.empty())
    globs += (globs.empty() ? "" : ",") + FlagChecks;
  // As --checks: every check is on until a glob turns it off.
  return globs.empty() ? "*" : "*," + globs;
}

const char *confidenceName(Confidence c) {
  return c == Confidence::Low ? "low" : c == Confidence::High ? "high" : "medium";
}

} // namespace

int applyProjectConfig(const ConfigurableOptions &o, const std::vector<std::string> &inputs) {
  SmallString<256> cwd;
  sys::fs::current_path(cwd);
  std::vector<std::string> starts;
  for (const std::string &input : inputs)
    starts.push_back(absolute(input));
  starts.push_back(std::string(cwd));
  std::string error;
  const EffectiveConfig *run = Finder.forFile(starts.front(), error);
  std::set<std::string> enabled;
  bool anyConfig = false;
  if (o.checks.getNumOccurrences()) {
    FlagChecks = o.checks;
    std::string flagError;
    selectChecks(FlagChecks, flagError);
    if (!flagError.empty()) {
      errs() << "retrylint: error: " << flagError << "\n";
      return 2;
    }
  }
  for (const std::string &start : starts) {
    const EffectiveConfig *config = Finder.forFile(start, error);
    if (!error.empty()) {
      errs() << error << "\n";
      return 2;
    }
    anyConfig |= config != nullptr;
    std::string checkError;
    for (const Check *c : selectChecks(globsFor(config), checkError))
      enabled.insert(c->rule().id);
  }
  if (run) {
    // A flag given on the command line wins over the file.
    if (run->headerFilter && !o.headerFilter.getNumOccurrences())
      o.headerFilter = *run->headerFilter;
    if (run->exclude && !o.excludes.getNumOccurrences())
      for (const std::string &glob : *run->exclude)
        o.excludes.push_back(glob);
    if (run->budgetFunctions && !o.budgetFunctions.getNumOccurrences())
      for (const std::string &name : *run->budgetFunctions)
        o.budgetFunctions.push_back(name);
    if (run->fanoutMinLayers && !o.fanoutMinLayers.getNumOccurrences())
      o.fanoutMinLayers = *run->fanoutMinLayers;
    if (run->minConfidence && !o.minConfidence.getNumOccurrences())
      o.minConfidence = *run->minConfidence == "low"    ? Confidence::Low
                        : *run->minConfidence == "high" ? Confidence::High
                                                        : Confidence::Medium;
  }
  // The checks that any input's config enables run; each file keeps its own (below).
  if (anyConfig)
    o.checks = "-*" + (enabled.empty() ? std::string() : "," + join(enabled, ","));
  if (DumpConfig) {
    EffectiveConfig shown = run ? *run : EffectiveConfig{};
    shown.checks = (run ? run->checks : "") + (FlagChecks.empty() ? "" : (run && !run->checks.empty() ? "," : "") + FlagChecks);
    shown.headerFilter = o.headerFilter.empty() ? std::nullopt : std::optional<std::string>(o.headerFilter);
    if (!o.excludes.empty())
      shown.exclude = std::vector<std::string>(o.excludes.begin(), o.excludes.end());
    if (!o.budgetFunctions.empty())
      shown.budgetFunctions = std::vector<std::string>(o.budgetFunctions.begin(), o.budgetFunctions.end());
    shown.fanoutMinLayers = o.fanoutMinLayers;
    shown.minConfidence = confidenceName(o.minConfidence);
    outs() << dumpConfig(shown);
    return 0;
  }
  return -1;
}

std::string applyFileConfigs(std::vector<Finding> &findings) {
  std::vector<Finding> kept;
  for (Finding &f : findings) {
    std::string error;
    const EffectiveConfig *config = Finder.forFile(f.span.file, error);
    if (!error.empty())
      return error;
    if (!globListEnables(globsFor(config), f.ruleId))
      continue;
    if (config)
      if (auto it = config->severity.find(f.ruleId); it != config->severity.end())
        f.level = it->second;
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
  return "";
}

} // namespace retrylint
