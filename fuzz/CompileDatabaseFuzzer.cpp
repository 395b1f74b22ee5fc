// libFuzzer harness: a compile_commands.json from the analysed repository, through the
// reader (Clang's JSON database, directories resolved against its folder) and the
// sanitiser. Whatever it holds, no command that comes out may keep an option that writes
// a file or loads code.
#include "frontend/CompileJobs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace retrylint;

namespace {

/// A folder of this process's own for the database file.
const std::string &workDir() {
  static const std::string dir = [] {
    llvm::SmallString<128> path;
    llvm::sys::fs::createUniqueDirectory("retrylint-fuzz-db", path);
    return std::string(path);
  }();
  return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::SmallString<128> file(workDir());
  llvm::sys::path::append(file, "compile_commands.json");
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(file, ec);
    if (ec)
      return 0;
    out.write(reinterpret_cast<const char *>(data), size);
  }
  std::vector<CompileJob> jobs;
  collectJobs({{}, workDir(), workDir(), nullptr}, jobs);
  for (const CompileJob &job : jobs) {
    if (!llvm::sys::path::is_absolute(job.directory) || !llvm::sys::path::is_absolute(job.file))
      __builtin_trap(); // directories resolve against the database's folder
    // Sanitised: sanitising again finds nothing that writes or loads, and no argument
    // that a NUL byte would cut short.
    if (sanitizeCommandLine(job.commandLine) != job.commandLine)
      __builtin_trap();
    for (const std::string &a : job.commandLine)
      if (a.find('\0') != std::string::npos)
        __builtin_trap();
  }
  // The sanitiser alone, on the input split at NULs: any argv at all.
  std::vector<std::string> argv{"clang++"};
  std::string arg;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      argv.push_back(arg);
      arg.clear();
    } else {
      arg += static_cast<char>(data[i]);
    }
  }
  argv.push_back(arg);
  // Sanitising what was sanitised drops nothing: nothing that writes or loads survived.
  std::vector<std::string> once = sanitizeCommandLine(argv);
  if (sanitizeCommandLine(once) != once)
    __builtin_trap();
  return 0;
}
