// The server's model of the code: one project per compilation database, with the facts of
// each of its TUs, linked into an immutable snapshot that every editor request reads.
#pragma once

#include "checks/Check.h"
#include "facts/Finding.h"
#include "frontend/Frontend.h"
#include "frontend/FactsCache.h"
#include "link/Program.h"
#include "link/ProjectScope.h"
#include "lsp/RetrySites.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace retrylint::lsp {

/// What `retrylint lsp` was started with (see docs/ide.md).
struct ServerSettings {
  std::string compileCommandsDir; // empty: the nearest compile_commands.json above each file
  std::string cacheDir;           // empty: <database dir>/.retrylint-cache, as with -p
  bool noCache = false;
  unsigned jobs = 0;              // TUs analysed in parallel; 0 = all cores
  unsigned tuTimeoutSeconds = 0;  // a TU's analysis that takes longer is stopped; 0 = none
  std::vector<std::string> budgetFunctions;
  Confidence minConfidence = Confidence::Medium;
  int fanoutMinLayers = 2;
  std::string sourceRoot;         // empty: the git root of the project's TUs
  std::string headerFilter;
  std::vector<std::string> excludes;
  FrontendOptions frontend;
};

/// One linked program and what the editor is shown from it. Never changed once made, so a
/// request reads it while the next one is being linked.
struct Snapshot {
  Program program;
  std::vector<Finding> findings; // the run's findings, as the command line reports them
  std::string sourceRoot;
  std::unique_ptr<RetrySiteIndex> sites;
};

/// The TUs of one compile_commands.json and what is known of them.
struct Project {
  std::string databaseDir;
  std::vector<CompileJob> jobs;
  std::vector<std::optional<TUFacts>> facts; // per job; empty until analysed or cached
  std::optional<FactsCache> cache;
  std::string sourceRoot;
  std::unique_ptr<ProjectScope> scope;
  std::shared_ptr<const Snapshot> snapshot; // null until the first link

  /// The TUs whose main file is `path` or whose parse read it (a header), among those
  /// with facts.
  std::vector<size_t> tusReading(const std::string &path) const;
  /// The TUs that still have no facts.
  std::vector<size_t> missing() const;
};

class Workspace {
public:
  Workspace(ServerSettings settings, std::vector<const Check *> checks)
      : settings(std::move(settings)), checks(std::move(checks)) {}

  const ServerSettings &config() const { return settings; }

  /// The project of a file, loaded (with every TU's cached facts) on first use. Null, with
  /// `why` set, when no compilation database covers the file or it cannot be read.
  Project *projectFor(const std::string &path, std::string &why);

  /// Analyses these TUs again; a TU whose command and inputs are unchanged comes from the
  /// cache unparsed. What went wrong with the cache is appended to `notes`.
  void analyse(Project &project, const std::vector<size_t> &tus, std::vector<std::string> &notes);

  /// The per-TU step, in worker processes as on the command line (a TU that crashes or
  /// hangs the frontend costs that TU, not the server). Safe from any thread.
  std::vector<TUFacts> analyseJobs(const std::vector<CompileJob> &jobs, const FactsCache *cache,
                                   std::vector<std::string> &notes);

  /// Links the facts at hand and runs the checks into a new snapshot.
  void relink(Project &project);

  std::vector<Project *> projects();

private:
  std::unique_ptr<Project> load(const std::string &databaseDir, std::string &why);

  ServerSettings settings;
  std::vector<const Check *> checks;
  std::map<std::string, std::unique_ptr<Project>> byDatabase;
  // One analyseJobs at a time: workers are forked, fork copies only the calling thread, and
  // two threads forking at once would each pass the other's workers' sockets to their own.
  std::mutex forking;
};

/// The directory of the nearest compile_commands.json above `path` (also in a `build/`
/// beside each parent, where CMake users keep it), or "".
std::string findCompilationDatabase(const std::string &path);

} // namespace retrylint::lsp
