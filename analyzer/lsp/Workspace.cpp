#include "lsp/Workspace.h"

#include "checks/RunChecks.h"
#include "frontend/Analysis.h"
#include "frontend/CompileJobs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>

namespace retrylint::lsp {
namespace {

/// The path as the parse records its inputs (symlinks resolved), or the path itself.
std::string realPath(const std::string &path) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real))
    return path;
  return std::string(real);
}

} // namespace

std::string findCompilationDatabase(const std::string &path) {
  llvm::SmallString<256> dir(path);
  llvm::sys::path::remove_filename(dir);
  for (; !dir.empty(); dir = llvm::sys::path::parent_path(dir)) {
    for (const char *sub : {"", "build"}) {
      llvm::SmallString<256> candidate(dir);
      llvm::sys::path::append(candidate, sub, "compile_commands.json");
      if (llvm::sys::fs::is_regular_file(candidate))
        return std::string(llvm::sys::path::parent_path(candidate));
    }
    if (dir == llvm::sys::path::root_path(dir))
      break;
  }
  return {};
}

std::vector<size_t> Project::tusReading(const std::string &path) const {
  std::string real = realPath(path);
  std::vector<size_t> result;
  for (size_t i = 0; i < jobs.size(); ++i) {
    bool reads = jobs[i].file == path || jobs[i].file == real;
    if (!reads && facts[i])
      for (const std::string &input : facts[i]->inputs)
        reads |= input == path || input == real;
    if (reads)
      result.push_back(i);
  }
  return result;
}

std::vector<size_t> Project::missing() const {
  std::vector<size_t> result;
  for (size_t i = 0; i < facts.size(); ++i)
    if (!facts[i])
      result.push_back(i);
  return result;
}

std::vector<Project *> Workspace::projects() {
  std::vector<Project *> result;
  for (auto &[dir, project] : byDatabase)
    result.push_back(project.get());
  return result;
}

Project *Workspace::projectFor(const std::string &path, std::string &why) {
  std::string dir = settings.compileCommandsDir;
  if (dir.empty())
    dir = findCompilationDatabase(path);
  if (dir.empty()) {
    why = "no compile_commands.json in a parent directory of " + path +
          " (start the server with --compile-commands-dir=<build dir>)";
    return nullptr;
  }
  auto it = byDatabase.find(dir);
  if (it == byDatabase.end()) {
    std::unique_ptr<Project> project = load(dir, why);
    if (!project)
      return nullptr;
    it = byDatabase.emplace(dir, std::move(project)).first;
  }
  return it->second.get();
}

std::unique_ptr<Project> Workspace::load(const std::string &databaseDir, std::string &why) {
  auto project = std::make_unique<Project>();
  project->databaseDir = databaseDir;
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  if (std::string error = collectJobs({{}, databaseDir, std::string(cwd), nullptr}, project->jobs);
      !error.empty()) {
    why = error;
    return nullptr;
  }
  project->facts.resize(project->jobs.size());
  if (!settings.noCache) {
    std::string dir = settings.cacheDir.empty() ? databaseDir + "/.retrylint-cache" : settings.cacheDir;
    project->cache.emplace(dir, llvm::join(settings.budgetFunctions, ","));
    // Every TU the cache still holds, so the first diagnostics already see the whole
    // program; the others are analysed in the background (Server).
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(settings.jobs));
    for (size_t i = 0; i < project->jobs.size(); ++i)
      pool.async([&, i] {
        std::string note;
        project->facts[i] = project->cache->lookup(project->jobs[i], note);
      });
    pool.wait();
  }
  project->sourceRoot = settings.sourceRoot;
  if (project->sourceRoot.empty()) {
    std::vector<std::string> files;
    for (const CompileJob &job : project->jobs)
      files.push_back(job.file);
    // As the command line does: the git root of the first TU in link order.
    project->sourceRoot = gitRootOf(*std::min_element(files.begin(), files.end()));
  }
  if (project->sourceRoot.empty())
    project->sourceRoot = databaseDir;
  std::string scopeError; // the patterns were checked when the server started
  project->scope = std::make_unique<ProjectScope>(project->sourceRoot, settings.headerFilter,
                                                  settings.excludes, scopeError);
  return project;
}

void Workspace::analyse(Project &project, const std::vector<size_t> &tus,
                        std::vector<std::string> &notes) {
  std::vector<CompileJob> jobs;
  for (size_t i : tus)
    jobs.push_back(project.jobs[i]);
  std::vector<TUFacts> facts = analyseJobs(jobs, project.cache ? &*project.cache : nullptr, notes);
  for (size_t k = 0; k < tus.size(); ++k)
    project.facts[tus[k]] = std::move(facts[k]);
}

std::vector<TUFacts> Workspace::analyseJobs(const std::vector<CompileJob> &jobs,
                                            const FactsCache *cache, std::vector<std::string> &notes) {
  std::lock_guard<std::mutex> lock(forking);
  return analyzeAll(jobs, {settings.jobs, false, settings.tuTimeoutSeconds}, settings.frontend, cache, notes);
}

void Workspace::relink(Project &project) {
  std::vector<TUFacts> tus;
  for (const std::optional<TUFacts> &f : project.facts)
    if (f)
      tus.push_back(*f);
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->program = linkFacts(std::move(tus), {settings.minConfidence});
  snapshot->program.fanoutMinLayers = settings.fanoutMinLayers;
  snapshot->findings = runChecks(snapshot->program, checks, *project.scope);
  snapshot->sourceRoot = project.sourceRoot;
  snapshot->sites = std::make_unique<RetrySiteIndex>(snapshot->program);
  project.snapshot = std::move(snapshot);
}

} // namespace retrylint::lsp
