// .retrylint.yaml: a project's settings, found by walking up from each file like .clang-tidy.
// The nearest file wins; with `InheritParentConfig: true` it refines the one above it.
#pragma once

#include "facts/Finding.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// One .retrylint.yaml as written (each key optional).
struct ConfigFile {
  std::string path;
  std::optional<std::string> checks;
  std::optional<bool> inheritParentConfig;
  std::optional<std::string> headerFilter;
  std::optional<std::vector<std::string>> exclude;
  std::optional<std::vector<std::string>> budgetFunctions;
  std::optional<int> fanoutMinLayers;
  std::optional<std::string> minConfidence; // low, medium, high
  std::map<std::string, std::string> severity; // rule id -> note, warning, error
};

/// The settings that hold for a file: its nearest config merged over the ones it inherits.
struct EffectiveConfig {
  std::vector<std::string> sources; // the files it came from, farthest first
  std::string checks;               // globs of every source, farthest first
  std::optional<std::string> headerFilter;
  std::optional<std::vector<std::string>> exclude;
  std::optional<std::vector<std::string>> budgetFunctions;
  std::optional<int> fanoutMinLayers;
  std::optional<std::string> minConfidence;
  std::map<std::string, Level> severity;
};

/// Reads `text` (the contents of `path`); an error names the file, line, column and key.
std::optional<ConfigFile> parseConfigFile(const std::string &path, const std::string &text,
                                          std::string &error);

/// The effective config as YAML, for --dump-config.
std::string dumpConfig(const EffectiveConfig &config);

/// Finds and merges the configs that hold for files, reading each directory once.
class ConfigFinder {
public:
  /// The config for `file` (absolute); null when no .retrylint.yaml is above it. `error` is
  /// set when a file on the way is malformed.
  const EffectiveConfig *forFile(const std::string &file, std::string &error);

private:
  const EffectiveConfig *forDirectory(const std::string &dir, std::string &error);
  std::map<std::string, std::unique_ptr<EffectiveConfig>> byDirectory; // null: none
  std::string lastFile, lastDirectory; // the last file asked for, and its directory
};

} // namespace retrylint
