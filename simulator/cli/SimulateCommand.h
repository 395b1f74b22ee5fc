// `retrylint simulate`: the command-line face of the retry-storm simulator.
#pragma once

#include "llvm/Support/CommandLine.h"

namespace retrylint::sim {

/// The "simulate" subcommand; every option of the simulator lives in it, so none collides
/// with the analyzer's top-level options.
llvm::cl::SubCommand &simulateSubcommand();

/// Runs the simulation that the parsed options describe. Call after
/// llvm::cl::ParseCommandLineOptions when simulateSubcommand() is selected.
/// Returns the exit code: 0 ok, 2 usage or configuration error (one line on stderr).
int runSimulate();

} // namespace retrylint::sim
