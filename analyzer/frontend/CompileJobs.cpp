#include "frontend/CompileJobs.h"

#include "facts/FileIO.h"

#include "clang/Driver/Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;
namespace tooling = clang::tooling;
namespace options = clang::driver::options;

namespace retrylint {
namespace {

std::string absolute(const std::string &path, const std::string &base) {
  SmallString<256> p(path);
  if (!sys::path::is_absolute(p)) {
    p = base;
    sys::path::append(p, path);
  }
  sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

/// `dbDir`: the folder of the database the command came from, which a relative "directory"
/// is relative to.
CompileJob jobFrom(const tooling::CompileCommand &cmd, const std::string &dbDir) {
  std::string directory = absolute(cmd.Directory, dbDir);
  return {absolute(cmd.Filename, directory), directory, sanitizeCommandLine(cmd.CommandLine)};
}

/// An option that writes a file or loads code (see sanitizeCommandLine).
bool writesOrLoads(const opt::Option &o) {
  static const unsigned Dropped[] = {
      options::OPT_o, options::OPT_M_Group, options::OPT__serialize_diags,
      options::OPT_diagnostic_serialized_file, options::OPT_dependency_file,
      options::OPT_dependency_dot, options::OPT_header_include_file,
      options::OPT_module_dependency_dir, options::OPT_diagnostic_log_file,
      options::OPT_stats_file, options::OPT_save_stats, options::OPT_save_stats_EQ,
      options::OPT_save_temps, options::OPT_save_temps_EQ, options::OPT_ftime_trace,
      options::OPT_ftime_trace_EQ, options::OPT_fproc_stat_report,
      options::OPT_fproc_stat_report_EQ, options::OPT_fcrash_diagnostics_dir,
      options::OPT_fmodules_cache_path, options::OPT_fmodule_output,
      options::OPT_fmodule_output_EQ, options::OPT_opt_record_file,
      options::OPT_foptimization_record_file_EQ, options::OPT_fsave_optimization_record_EQ,
      options::OPT_emit_pch, options::OPT_fplugin_EQ, options::OPT_fplugin_arg,
      options::OPT_fpass_plugin_EQ, options::OPT_load, options::OPT_plugin,
      options::OPT_add_plugin, options::OPT_plugin_arg};
  for (unsigned id : Dropped)
    if (o.matches(id))
      return true;
  return false;
}

/// Which entries of `args` (a command line without the compiler, parsed with `visibility`)
/// to drop: every entry of an option that writes or loads, with its value.
std::vector<bool> droppedArgs(const std::vector<std::string> &args, unsigned visibility) {
  std::vector<bool> drop(args.size(), false);
  if (args.empty())
    return drop;
  std::vector<const char *> raw;
  for (const std::string &a : args)
    raw.push_back(a.c_str());
  unsigned missingIndex = 0, missingCount = 0;
  opt::InputArgList parsed = clang::driver::getDriverOptTable().ParseArgs(
      raw, missingIndex, missingCount, opt::Visibility(visibility));
  std::vector<const opt::Arg *> list(parsed.begin(), parsed.end());
  // The entries an argument spans: up to where the next one starts.
  auto span = [&](size_t k) {
    unsigned end = k + 1 < list.size() ? list[k + 1]->getIndex() : static_cast<unsigned>(args.size());
    return std::make_pair(list[k]->getIndex(), std::min<unsigned>(end, args.size()));
  };
  for (size_t k = 0; k < list.size(); ++k) {
    const opt::Option &o = list[k]->getOption();
    bool dropped = writesOrLoads(o);
    // -Wp,-MD,file passes its values on to the preprocessor: judge them.
    if (o.matches(options::OPT_Wp_COMMA)) {
      std::vector<std::string> inner(list[k]->getValues().begin(), list[k]->getValues().end());
      std::vector<bool> innerDrop = droppedArgs(inner, options::ClangOption | options::CC1Option);
      dropped = std::find(innerDrop.begin(), innerDrop.end(), true) != innerDrop.end();
    }
    if (dropped)
      for (auto [i, end] = span(k); i < end; ++i)
        drop[i] = true;
  }
  // The values of -Xclang X (and -Xpreprocessor X) form a command line of their own
  // (-Xclang -load -Xclang x.so): parse it, and drop both entries of each pair that carries
  // a dropped option or its value.
  for (unsigned forward : {unsigned(options::OPT_Xclang), unsigned(options::OPT_Xpreprocessor)}) {
    if (!(visibility & options::ClangOption))
      break; // the compiler proper takes no -Xclang
    std::vector<std::string> values;
    std::vector<size_t> owners;
    for (size_t k = 0; k < list.size(); ++k)
      if (list[k]->getOption().matches(forward) && list[k]->getNumValues() == 1) {
        values.push_back(list[k]->getValue());
        owners.push_back(k);
      }
    std::vector<bool> innerDrop = droppedArgs(values, options::CC1Option);
    for (size_t v = 0; v < values.size(); ++v)
      if (innerDrop[v])
        for (auto [i, end] = span(owners[v]); i < end; ++i)
          drop[i] = true;
  }
  // An entry with a NUL byte would reach the compiler cut short ("-\0MF" as "-", which reads
  // stdin): the whole option it belongs to goes, so `-Xclang` never loses its value and takes
  // the next entry as one (sanitising twice then drops nothing more).
  for (size_t k = 0; k < list.size(); ++k) {
    auto [begin, end] = span(k);
    bool nul = false;
    for (unsigned i = begin; i < end; ++i)
      nul |= args[i].find('\0') != std::string::npos;
    if (nul)
      for (unsigned i = begin; i < end; ++i)
        drop[i] = true;
  }
  return drop;
}

/// A database's commands with absolute directories and files: a relative "directory" is
/// relative to the database's folder (Clang's JSON database keeps it as written, and the
/// tool then fails to enter it).
class ResolvedDatabase : public tooling::CompilationDatabase {
public:
  ResolvedDatabase(const tooling::CompilationDatabase &db, const std::string &dir) {
    for (tooling::CompileCommand cmd : db.getAllCompileCommands()) {
      cmd.Directory = absolute(cmd.Directory, dir);
      cmd.Filename = absolute(cmd.Filename, cmd.Directory);
      byFile[cmd.Filename].push_back(commands.size());
      commands.push_back(std::move(cmd));
    }
  }
  std::vector<tooling::CompileCommand> getCompileCommands(StringRef file) const override {
    std::vector<tooling::CompileCommand> found;
    auto it = byFile.find(file);
    if (it == byFile.end()) { // the same file through another path (a symlink)
      SmallString<256> real;
      if (sys::fs::real_path(file, real))
        return found;
      it = byFile.find(real);
      for (size_t i = 0; it == byFile.end() && i < commands.size(); ++i)
        if (sys::fs::equivalent(commands[i].Filename, file))
          it = byFile.find(commands[i].Filename);
      if (it == byFile.end())
        return found;
    }
    for (size_t i : it->second)
      found.push_back(commands[i]);
    return found;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> files;
    for (const auto &entry : byFile)
      files.push_back(entry.first().str());
    std::sort(files.begin(), files.end());
    return files;
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override { return commands; }

private:
  std::vector<tooling::CompileCommand> commands;
  StringMap<std::vector<size_t>> byFile;
};

/// `db` with its commands resolved against `dir`, unless it lists none (compile_flags.txt).
std::unique_ptr<tooling::CompilationDatabase>
resolved(std::unique_ptr<tooling::CompilationDatabase> db, const std::string &dir) {
  if (!db || db->getAllCompileCommands().empty())
    return db;
  return std::make_unique<ResolvedDatabase>(*db, dir);
}

/// The database in the nearest folder above `file` that has one (as Clang tools find it);
/// `dir` becomes that folder. A compile_commands.json that is no regular file of a sane size
/// sets `problem`.
std::unique_ptr<tooling::CompilationDatabase> databaseAbove(const std::string &file, std::string &dir,
                                                            std::string &problem) {
  for (StringRef d = sys::path::parent_path(file); !d.empty(); d = sys::path::parent_path(d)) {
    SmallString<256> json(d);
    sys::path::append(json, "compile_commands.json");
    if (sys::fs::exists(json)) {
      problem = checkInputFile(std::string(json), MaxCompileDatabaseBytes);
      if (!problem.empty()) {
        problem = "cannot use compilation database: " + problem;
        return nullptr;
      }
    }
    std::string ignored;
    if (auto db = tooling::CompilationDatabase::loadFromDirectory(d, ignored)) {
      dir = std::string(d);
      return resolved(std::move(db), dir);
    }
  }
  return nullptr;
}

/// A usage error when a job's main file is not a regular file of a sane size.
std::string checkMainFiles(const std::vector<CompileJob> &jobs) {
  for (const CompileJob &job : jobs)
    if (sys::fs::exists(job.file))
      if (std::string problem = checkInputFile(job.file, MaxSourceFileBytes); !problem.empty())
        return problem;
  return {};
}

} // namespace

std::vector<std::string> sanitizeCommandLine(const std::vector<std::string> &argv) {
  if (argv.empty())
    return argv;
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  std::vector<bool> drop = droppedArgs(args, options::ClangOption);
  std::vector<std::string> kept{argv.front().c_str()}; // the compiler, as the driver reads it
  for (size_t i = 0; i < args.size(); ++i)
    // An argument with a NUL byte would reach the compiler cut short ("-\0MF" as "-", which
    // reads stdin): it is dropped whole.
    if (!drop[i] && args[i].find('\0') == std::string::npos)
      kept.push_back(args[i]);
  return kept;
}

FlagsAfterDashDash::FlagsAfterDashDash(int &argc, const char **argv) {
  std::string error;
  database = tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, error);
}

FlagsAfterDashDash::~FlagsAfterDashDash() = default;

std::string collectJobs(JobRequest request, std::vector<CompileJob> &jobs) {
  const std::string &cwd = request.cwd;
  for (const std::string &s : request.sources) {
    if (!sys::fs::exists(s))
      return "no such file: '" + s + "'";
    if (std::string problem = checkInputFile(s, MaxSourceFileBytes); !problem.empty())
      return problem;
  }
  std::unique_ptr<tooling::CompilationDatabase> db;
  std::string dbDir = cwd; // flags after `--` apply in the current directory
  if (request.flags)
    db = std::move(request.flags->database);
  if (!request.buildPath.empty()) {
    dbDir = absolute(request.buildPath, cwd);
    SmallString<256> file(dbDir);
    sys::path::append(file, "compile_commands.json");
    if (sys::fs::exists(file))
      if (std::string problem = checkInputFile(std::string(file), MaxCompileDatabaseBytes);
          !problem.empty())
        return "cannot use compilation database: " + problem;
    std::string error;
    db = resolved(tooling::JSONCompilationDatabase::loadFromDirectory(dbDir, error), dbDir);
    if (!db)
      return "cannot use compilation database in '" + request.buildPath + "': " + error;
    if (request.sources.empty()) {
      for (const tooling::CompileCommand &cmd : db->getAllCompileCommands())
        jobs.push_back(jobFrom(cmd, dbDir));
      if (jobs.empty())
        return "compilation database in '" + request.buildPath + "' lists no translation units";
      return checkMainFiles(jobs);
    }
    db = tooling::inferMissingCompileCommands(std::move(db));
  }
  if (request.sources.empty())
    return "no source files given (pass files, or -p <build dir>; see --help)";
  if (!db) {
    // No flags given: a compilation database above the first file, else plain defaults.
    std::string problem;
    db = databaseAbove(absolute(request.sources[0], cwd), dbDir, problem);
    if (!problem.empty())
      return problem;
    if (!db)
      db = std::make_unique<tooling::FixedCompilationDatabase>(cwd, std::vector<std::string>{});
  }
  for (const std::string &s : request.sources) {
    std::vector<tooling::CompileCommand> cmds = db->getCompileCommands(absolute(s, cwd));
    if (cmds.empty())
      return "no compile command for '" + s + "'";
    jobs.push_back(jobFrom(cmds.front(), dbDir));
  }
  return {};
}

} // namespace retrylint
