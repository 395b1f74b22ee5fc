// `retrylint lsp`: the language server's subcommand and its options.
#pragma once

#include "llvm/Support/CommandLine.h"

namespace retrylint::lsp {

/// The "lsp" subcommand; its options live in it, so none collides with the analyzer's.
llvm::cl::SubCommand &lspSubcommand();

/// Serves the Language Server Protocol on stdin and stdout until the client says exit.
/// Call after llvm::cl::ParseCommandLineOptions when lspSubcommand() is selected. Returns
/// the exit code: 0 after shutdown, 1 on an exit without one, 2 on a usage error.
int runLsp();

} // namespace retrylint::lsp
