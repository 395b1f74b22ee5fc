// Applies .retrylint.yaml (cli/ConfigFile.h) to a run: the settings of the whole run come from
// the config of the first input (or of the working directory), each finding's checks and
// severity from the config nearest to its file. A flag given on the command line wins.
#pragma once

#include "facts/Facts.h"
#include "facts/Finding.h"

#include "llvm/Support/CommandLine.h"

#include <string>
#include <vector>

namespace retrylint {

/// The options a config can set, as main.cpp holds them.
struct ConfigurableOptions {
  llvm::cl::opt<std::string> &checks;
  llvm::cl::opt<std::string> &headerFilter;
  llvm::cl::list<std::string> &excludes;
  llvm::cl::list<std::string> &budgetFunctions;
  llvm::cl::opt<int> &fanoutMinLayers;
  llvm::cl::opt<Confidence> &minConfidence;
};

/// Reads the configs that hold for `inputs` and sets the options no flag set; --checks becomes
/// the checks any of them enables. With --dump-config, prints the effective config. Returns the
/// exit status to stop with (2 for a malformed config, 0 after --dump-config), or -1 to go on.
int applyProjectConfig(const ConfigurableOptions &options, const std::vector<std::string> &inputs);

/// Drops the findings that the config nearest to their file disables, and gives the others
/// its severity. Returns an error message or "".
std::string applyFileConfigs(std::vector<Finding> &findings);

} // namespace retrylint
