// Stands in for the retrylint binary in tests: parses the command line with llvm::cl and
// dispatches to runSimulate, the way the main tool does.
#include "SimulateCommand.h"

#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  retrylint::sim::simulateSubcommand(); // register the subcommand before parsing
  if (!llvm::cl::ParseCommandLineOptions(argc, argv, "retrylint simulate test driver\n",
                                         &llvm::errs()))
    return 2;
  if (retrylint::sim::simulateSubcommand())
    return retrylint::sim::runSimulate();
  llvm::errs() << "usage: " << argv[0] << " simulate [options]\n";
  return 2;
}
