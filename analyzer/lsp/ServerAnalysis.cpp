// The server's analysis side: a document's TUs re-analysed through the facts cache and
// re-linked with every other TU's facts, diagnostics published where they changed, and the
// TUs the cache does not hold analysed in the background (on the indexer thread; results are
// applied on the worker, which alone touches projects and documents).
#include "lsp/Server.h"

#include "lsp/Features.h"
#include "report/Report.h"

#include "llvm/Support/Threading.h"

#include <chrono>

namespace retrylint::lsp {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

void LanguageServer::analyseDocument(const std::string &path) {
  auto start = std::chrono::steady_clock::now();
  auto doc = documents.find(path);
  std::string why;
  Project *project = workspace.projectFor(path, why);
  if (!project) {
    if (doc != documents.end()) {
      if (!doc->second.reportedOutside)
        log(MessageType::Warning, why + "; " + path + " is not analysed");
      doc->second.reportedOutside = true;
      doc->second.project = nullptr;
      notify("textDocument/publishDiagnostics", {{"uri", doc->second.uri}, {"diagnostics", json::array()}});
    }
    return;
  }
  if (doc != documents.end())
    doc->second.project = project;
  std::vector<size_t> tus = project->tusReading(path);
  if (!tus.empty()) {
    std::vector<std::string> notes;
    workspace.analyse(*project, tus, notes);
    for (const std::string &note : notes)
      log(MessageType::Warning, note);
    for (size_t i : tus) {
      const TUFacts &facts = *project->facts[i];
      if (!facts.analyzerFailure.empty())
        log(MessageType::Error, "the analysis of " + facts.mainFile + " " + facts.analyzerFailure +
                                    "; its findings are missing (the other TUs are unaffected)");
      else if (!facts.complete)
        log(MessageType::Info, "the analysis of " + facts.mainFile + " is incomplete (" +
                                   (incompleteReason(facts).empty() ? "unknown error" : incompleteReason(facts)) +
                                   "); findings come from what the compiler recovered");
    }
  }
  double analysed = millisecondsSince(start);
  if (!tus.empty() || !project->snapshot)
    workspace.relink(*project);
  log(MessageType::Log, "analysed " + std::to_string(tus.size()) + " TU(s) for " + path + " in " +
                            std::to_string(static_cast<long>(analysed)) + " ms, linked " +
                            std::to_string(project->snapshot->program.tus.size()) + " in " +
                            std::to_string(static_cast<long>(millisecondsSince(start) - analysed)) + " ms");
  publish(*project, {path});
  if (tus.empty() && project->missing().empty() && doc != documents.end())
    reportUnanalysed(path, doc->second);
  startIndexing(*project);
}

void LanguageServer::publish(Project &project, const std::set<std::string> &forced) {
  const Snapshot *snapshot = project.snapshot.get();
  if (!snapshot)
    return;
  for (auto &[path, doc] : documents) {
    if (doc.project != &project)
      continue;
    json diagnostics = diagnosticsFor(*snapshot, path, encoding);
    if (!forced.count(path) && diagnostics == doc.published)
      continue;
    doc.published = diagnostics;
    notify("textDocument/publishDiagnostics", {{"uri", doc.uri}, {"diagnostics", diagnostics}});
  }
  for (auto [wanted, method] : {std::pair{refreshHints, "workspace/inlayHint/refresh"},
                                std::pair{refreshLenses, "workspace/codeLens/refresh"}})
    if (wanted)
      transport.write({{"jsonrpc", "2.0"},
                       {"id", "retrylint-" + std::to_string(++nextRequestId)},
                       {"method", method}});
}

void LanguageServer::startIndexing(Project &project) {
  if (indexing.count(&project))
    return;
  std::vector<size_t> missing = project.missing();
  if (missing.empty())
    return;
  indexing.insert(&project);
  std::vector<std::pair<size_t, CompileJob>> jobs;
  for (size_t i : missing)
    jobs.push_back({i, project.jobs[i]});
  log(MessageType::Info, "analysing the " + std::to_string(jobs.size()) + " TU(s) of " + project.databaseDir +
                             "/compile_commands.json that the cache does not hold, in the background");
  {
    std::lock_guard<std::mutex> lock(indexMutex);
    indexQueue.push_back({&project, std::move(jobs)});
  }
  indexReady.notify_one();
}

void LanguageServer::indexLoop() {
  const ServerSettings &settings = workspace.config();
  const size_t chunk = std::max(2u, llvm::hardware_concurrency(settings.jobs).compute_thread_count());
  while (true) {
    std::pair<Project *, std::vector<std::pair<size_t, CompileJob>>> work;
    {
      std::unique_lock<std::mutex> lock(indexMutex);
      indexReady.wait(lock, [&] { return stopping || !indexQueue.empty(); });
      if (stopping)
        return;
      work = std::move(indexQueue.front());
      indexQueue.pop_front();
    }
    Project *project = work.first;
    const FactsCache *cache = project->cache ? &*project->cache : nullptr;
    for (size_t at = 0; at < work.second.size() && !stopping; at += chunk) {
      size_t end = std::min(work.second.size(), at + chunk);
      std::vector<CompileJob> jobs;
      std::vector<size_t> indexes;
      for (size_t k = at; k < end; ++k) {
        indexes.push_back(work.second[k].first);
        jobs.push_back(work.second[k].second);
      }
      auto notes = std::make_shared<std::vector<std::string>>();
      auto facts = std::make_shared<std::vector<TUFacts>>(workspace.analyseJobs(jobs, cache, *notes));
      bool last = end == work.second.size();
      post([this, project, indexes, facts, notes, last] {
        for (const std::string &note : *notes)
          log(MessageType::Warning, note);
        // A TU analysed on open or save meanwhile is newer: keep it.
        for (size_t k = 0; k < indexes.size(); ++k)
          if (!project->facts[indexes[k]])
            project->facts[indexes[k]] = std::move((*facts)[k]);
        workspace.relink(*project);
        publish(*project, {});
        if (!last)
          return;
        log(MessageType::Info, "background analysis of " + project->databaseDir + " done");
        for (auto &[path, doc] : documents)
          if (doc.project == project && project->tusReading(path).empty())
            reportUnanalysed(path, doc);
      });
    }
  }
}

void LanguageServer::reportUnanalysed(const std::string &path, Document &doc) {
  if (doc.reportedOutside)
    return;
  doc.reportedOutside = true; // once: the warning would otherwise follow every save
  log(MessageType::Warning, path + " is not in " + doc.project->databaseDir +
                                "/compile_commands.json and no TU there includes it; it is not analysed");
}

} // namespace retrylint::lsp
