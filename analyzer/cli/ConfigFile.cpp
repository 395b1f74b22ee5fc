#include "cli/ConfigFile.h"

#include "checks/Registry.h"
#include "facts/FileIO.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

#include <sstream>

namespace llvm::yaml {
template <> struct MappingTraits<retrylint::ConfigFile> {
  static void mapping(IO &io, retrylint::ConfigFile &c) {
    io.mapOptional("Checks", c.checks);
    io.mapOptional("InheritParentConfig", c.inheritParentConfig);
    io.mapOptional("HeaderFilter", c.headerFilter);
    io.mapOptional("Exclude", c.exclude);
    io.mapOptional("BudgetFunctions", c.budgetFunctions);
    io.mapOptional("FanoutMinLayers", c.fanoutMinLayers);
    io.mapOptional("MinConfidence", c.minConfidence);
    io.mapOptional("Severity", c.severity);
  }
};
} // namespace llvm::yaml

LLVM_YAML_IS_STRING_MAP(std::string)

namespace retrylint {
namespace {

const char *const ConfigName = ".retrylint.yaml";
constexpr uint64_t MaxConfigBytes = 1 << 20;

/// The key a line of YAML is under, as a dotted path: "Severity.retry-no-backoff".
std::string keyPathAt(const std::string &text, unsigned lineNo) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  std::vector<std::string> path;
  size_t indent = std::string::npos;
  for (size_t i = std::min<size_t>(lineNo, lines.size()); i-- > 0;) {
    llvm::StringRef line(lines[i]);
    size_t lead = line.size() - line.ltrim().size();
    llvm::StringRef body = line.ltrim();
    if (body.empty() || body.starts_with("#") || lead >= indent)
      continue;
    size_t colon = body.find(':');
    if (body.starts_with("-") || colon == llvm::StringRef::npos)
      continue;
    path.insert(path.begin(), body.substr(0, colon).trim().str());
    indent = lead;
    if (lead == 0)
      break;
  }
  std::string joined;
  for (const std::string &key : path)
    joined += (joined.empty() ? "" : ".") + key;
  return joined;
}

/// The line of the first occurrence of `key:` (at any indentation), or 1.
unsigned lineOfKey(const std::string &text, const std::string &key) {
  std::istringstream in(text);
  unsigned n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    llvm::StringRef body = llvm::StringRef(line).ltrim();
    if (body.starts_with(key) && body.substr(key.size()).ltrim().starts_with(":"))
      return n;
  }
  return 1;
}

struct YamlProblem {
  std::string message;
  unsigned line = 0, column = 0;
};

void recordProblem(const llvm::SMDiagnostic &d, void *context) {
  auto *problem = static_cast<YamlProblem *>(context);
  if (!problem->message.empty())
    return;
  problem->message = d.getMessage().str();
  problem->line = d.getLineNo();
  problem->column = d.getColumnNo() + 1;
}

std::optional<Level> levelNamed(const std::string &name) {
  if (name == "note")
    return Level::Note;
  if (name == "warning")
    return Level::Warning;
  if (name == "error")
    return Level::Error;
  return std::nullopt;
}

/// The checks are clang-tidy globs; a YAML block may put them on several lines.
std::string globsOf(std::string checks) {
  for (char &c : checks)
    if (c == '\n')
      c = ',';
  return checks;
}

/// What no YAML type says: known rules, levels, a regex that compiles, a sane threshold.
std::string validate(const ConfigFile &c, const std::string &text) {
  auto at = [&](const std::string &key, const std::string &why) {
    return c.path + ":" + std::to_string(lineOfKey(text, key)) + ": error: key '" + key + "': " + why;
  };
  if (c.checks) {
    std::string error;
    selectChecks(globsOf(*c.checks), error);
    if (!error.empty())
      return at("Checks", error);
  }
  if (c.headerFilter) {
    std::string error;
    if (!llvm::Regex(*c.headerFilter).isValid(error))
      return at("HeaderFilter", "not a regular expression: " + error);
  }
  if (c.fanoutMinLayers && *c.fanoutMinLayers < 2)
    return at("FanoutMinLayers", "must be 2 or more (a nest has at least two layers)");
  if (c.minConfidence && *c.minConfidence != "low" && *c.minConfidence != "medium" &&
      *c.minConfidence != "high")
    return at("MinConfidence", "'" + *c.minConfidence + "' is not low, medium or high");
  for (const auto &[rule, level] : c.severity) {
    bool known = false;
    for (const auto &check : allChecks())
      known |= check->rule().id == rule;
    if (!known)
      return at(rule, "Severity names no check '" + rule + "' (see --list-checks)");
    if (!levelNamed(level))
      return at(rule, "'" + level + "' is not note, warning or error");
  }
  return "";
}

/// `config` refines `base`: its checks come after the base's, its other keys replace them.
void mergeInto(EffectiveConfig &base, const ConfigFile &config) {
  base.sources.push_back(config.path);
  if (config.checks)
    base.checks += (base.checks.empty() ? "" : ",") + globsOf(*config.checks);
  if (config.headerFilter)
    base.headerFilter = config.headerFilter;
  if (config.exclude)
    base.exclude = config.exclude;
  if (config.budgetFunctions)
    base.budgetFunctions = config.budgetFunctions;
  if (config.fanoutMinLayers)
    base.fanoutMinLayers = config.fanoutMinLayers;
  if (config.minConfidence)
    base.minConfidence = config.minConfidence;
  for (const auto &[rule, level] : config.severity)
    base.severity[rule] = *levelNamed(level);
}

} // namespace

std::optional<ConfigFile> parseConfigFile(const std::string &path, const std::string &text,
                                          std::string &error) {
  ConfigFile config;
  config.path = path;
  if (llvm::StringRef(text).trim().empty())
    return config;
  YamlProblem problem;
  llvm::yaml::Input in(text, nullptr, recordProblem, &problem);
  in >> config;
  if (in.error() || !problem.message.empty()) {
    std::string key = keyPathAt(text, problem.line);
    error = path + ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column) +
            ": error: " + (key.empty() ? "" : "key '" + key + "': ") +
            (problem.message.empty() ? "malformed YAML" : problem.message);
    return std::nullopt;
  }
  config.path = path;
  if (error = validate(config, text); !error.empty())
    return std::nullopt;
  return config;
}

std::string dumpConfig(const EffectiveConfig &config) {
  ConfigFile out;
  out.checks = config.checks.empty() ? "*" : config.checks;
  out.headerFilter = config.headerFilter;
  out.exclude = config.exclude;
  out.budgetFunctions = config.budgetFunctions;
  out.fanoutMinLayers = config.fanoutMinLayers;
  out.minConfidence = config.minConfidence;
  for (const auto &[rule, level] : config.severity)
    out.severity[rule] = toString(level);
  std::string text;
  llvm::raw_string_ostream stream(text);
  llvm::yaml::Output yaml(stream);
  yaml << out;
  std::string header;
  for (const std::string &source : config.sources)
    header += "# from " + source + "\n";
  return header + stream.str();
}

const EffectiveConfig *ConfigFinder::forFile(const std::string &file, std::string &error) {
  // Findings come in runs of one file: ask the file system once per run.
  if (file == lastFile && !lastDirectory.empty())
    return forDirectory(lastDirectory, error);
  llvm::SmallString<256> dir(file);
  if (!llvm::sys::fs::is_directory(dir))
    llvm::sys::path::remove_filename(dir);
  lastFile = file;
  lastDirectory = std::string(dir);
  return forDirectory(lastDirectory, error);
}

const EffectiveConfig *ConfigFinder::forDirectory(const std::string &dir, std::string &error) {
  if (auto it = byDirectory.find(dir); it != byDirectory.end())
    return it->second.get();
  std::string parentDir = llvm::sys::path::parent_path(dir).str();
  bool top = parentDir.empty() || parentDir == dir;
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, ConfigName);
  std::unique_ptr<EffectiveConfig> result;
  if (llvm::sys::fs::exists(path)) {
    std::string text;
    if (std::string problem = readInputFile(std::string(path), MaxConfigBytes, text); !problem.empty()) {
      error = problem;
      return nullptr;
    }
    std::optional<ConfigFile> config = parseConfigFile(std::string(path), text, error);
    if (!config)
      return nullptr;
    result = std::make_unique<EffectiveConfig>();
    if (config->inheritParentConfig.value_or(false) && !top) {
      if (const EffectiveConfig *parent = forDirectory(parentDir, error))
        *result = *parent;
      if (!error.empty())
        return nullptr;
    }
    mergeInto(*result, *config);
  } else if (!top) {
    const EffectiveConfig *parent = forDirectory(parentDir, error);
    if (!error.empty())
      return nullptr;
    if (parent)
      result = std::make_unique<EffectiveConfig>(*parent);
  }
  return (byDirectory[dir] = std::move(result)).get();
}

} // namespace retrylint
