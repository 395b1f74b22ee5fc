#include "lsp/Server.h"

#include "lsp/Features.h"
#include "frontend/Analysis.h"
#include "Version.h"

#include "llvm/Support/Threading.h"

#include <chrono>
#include <cstdio>

namespace retrylint::lsp {
namespace {

/// A request that cannot be answered, with the JSON-RPC error code that says why.
struct RequestError {
  int code;
  std::string message;
};

std::string pathOf(const json &params) {
  std::string uri = params.at("textDocument").at("uri").get<std::string>();
  std::optional<std::string> path = pathFromUri(uri);
  if (!path)
    throw RequestError{InvalidParams, "not a file URI: " + uri};
  return *path;
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int LanguageServer::run() {
  std::thread worker([this] { workLoop(); });
  std::thread indexer([this] { indexLoop(); });
  while (true) {
    json message;
    std::string problem;
    Transport::Status status = transport.read(message, problem);
    if (status == Transport::Status::End) {
      if (!problem.empty())
        brokenInput(problem, false);
      break;
    }
    if (status == Transport::Status::Broken) {
      brokenInput(problem, problem.rfind("a message that is not JSON", 0) == 0);
      continue;
    }
    if (message.is_object() && message.contains("method") && message["method"] == "exit")
      break;
    receive(std::move(message));
  }
  // What arrived before `exit` is still answered; background analysis stops at its next TUs.
  {
    std::lock_guard<std::mutex> lock(queueMutex);
    stopping = true;
  }
  {
    std::lock_guard<std::mutex> lock(indexMutex); // so the indexer cannot miss the wake-up
  }
  queueReady.notify_all();
  indexReady.notify_all();
  worker.join();
  indexer.join();
  return shuttingDown ? 0 : 1;
}

void LanguageServer::receive(json message) {
  if (!message.is_object()) {
    respondError(nullptr, InvalidRequest, "a message must be a JSON object");
    return;
  }
  bool hasId = message.contains("id");
  json id = hasId ? message["id"] : json(nullptr);
  if (hasId && !id.is_string() && !id.is_number_integer()) {
    respondError(nullptr, InvalidRequest, "a request id must be a string or an integer");
    return;
  }
  if (!message.contains("method")) {
    if (hasId && (message.contains("result") || message.contains("error")))
      return; // the client's answer to one of our requests (a refresh)
    respondError(id, InvalidRequest, "a message without a method");
    return;
  }
  if (!message["method"].is_string()) {
    respondError(id, InvalidRequest, "the method must be a string");
    return;
  }
  std::string method = message["method"];
  json params = message.contains("params") ? message["params"] : json::object();
  if (method == "$/cancelRequest") {
    if (params.is_object() && params.contains("id")) {
      std::lock_guard<std::mutex> lock(queueMutex);
      cancelled.insert(params["id"].dump());
    }
    return;
  }
  if (hasId)
    post([this, method, id, params] { handleRequest(method, id, params); });
  else
    post([this, method, params] { handleNotification(method, params); });
}

void LanguageServer::brokenInput(const std::string &problem, bool parseError) {
  if (parseError)
    respondError(nullptr, ParseError, problem);
  const int Limit = 20;
  if (++brokenReported <= Limit)
    log(MessageType::Warning, "skipped " + problem);
  else if (brokenReported == Limit + 1)
    log(MessageType::Warning, "more broken input follows; it is skipped without a word");
}

void LanguageServer::post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(queueMutex);
    queue.push_back(std::move(task));
  }
  queueReady.notify_one();
}

void LanguageServer::workLoop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(queueMutex);
      queueReady.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty())
        return;
      task = std::move(queue.front());
      queue.pop_front();
    }
    try {
      task();
    } catch (const std::exception &e) { // a bug in one answer must not end the session
      log(MessageType::Error, std::string("internal error: ") + e.what());
    }
  }
}

void LanguageServer::handleRequest(const std::string &method, const json &id, const json &params) {
  {
    std::lock_guard<std::mutex> lock(queueMutex);
    if (cancelled.erase(id.dump())) {
      respondError(id, RequestCancelled, "cancelled");
      return;
    }
  }
  if (!initialized && method != "initialize")
    return respondError(id, ServerNotInitialized, "the server is not initialized yet");
  if (shuttingDown)
    return respondError(id, InvalidRequest, "the server is shutting down");
  try {
    respond(id, answer(method, params));
  } catch (const RequestError &e) {
    respondError(id, e.code, e.message);
  } catch (const json::exception &e) {
    respondError(id, InvalidParams, method + ": " + e.what());
  } catch (const std::exception &e) {
    respondError(id, InternalError, method + ": " + e.what());
  }
}

json LanguageServer::answer(const std::string &method, const json &params) {
  if (method == "initialize") {
    if (initialized)
      throw RequestError{InvalidRequest, "initialize was already received"};
    return initialize(params);
  }
  if (method == "shutdown") {
    shuttingDown = true;
    return nullptr;
  }
  if (method == "textDocument/hover") {
    Document *doc = document(params);
    const Snapshot *snapshot = snapshotOf(doc);
    if (!snapshot)
      return nullptr;
    const json &at = params.at("position");
    unsigned line = at.at("line").get<unsigned>();
    return hoverAt(*snapshot, pathOf(params), line + 1,
                   byteColumn(doc, line, at.at("character").get<unsigned>()), encoding);
  }
  if (method == "textDocument/inlayHint" || method == "textDocument/codeAction") {
    Document *doc = document(params);
    const Snapshot *snapshot = snapshotOf(doc);
    if (!snapshot)
      return json::array();
    const json &range = params.at("range");
    unsigned first = range.at("start").at("line").get<unsigned>() + 1;
    unsigned last = range.at("end").at("line").get<unsigned>() + 1;
    if (method == "textDocument/inlayHint")
      return inlayHints(*snapshot, pathOf(params), first, last, encoding);
    return codeActions(*snapshot, pathOf(params), first, last, &doc->text, encoding);
  }
  if (method == "textDocument/codeLens") {
    const Snapshot *snapshot = snapshotOf(document(params));
    return snapshot ? codeLenses(*snapshot, pathOf(params), encoding) : json::array();
  }
  if (method == "workspace/executeCommand") {
    if (params.at("command") != ShowFanoutCommand)
      throw RequestError{InvalidParams, "unknown command " + params.at("command").dump()};
    const json &args = params.at("arguments");
    json textDocument{{"textDocument", {{"uri", args.at(0)}}}};
    Document *doc = document(textDocument);
    const Snapshot *snapshot = snapshotOf(doc);
    unsigned line = args.at(1).get<unsigned>();
    std::string text;
    if (snapshot)
      text = fanoutText(*snapshot, pathOf(textDocument), line + 1,
                        byteColumn(doc, line, args.at(2).get<unsigned>()));
    if (text.empty())
      text = "no nest of retrying layers at this site (save the file to analyse it again)";
    notify("window/showMessage", {{"type", static_cast<int>(MessageType::Info)}, {"message", text}});
    return text;
  }
  throw RequestError{MethodNotFound, "retrylint does not answer " + method};
}

json LanguageServer::initialize(const json &params) {
  json capabilities = params.value("capabilities", json::object());
  auto flag = [&](const char *pointer) {
    json::json_pointer p(pointer);
    return capabilities.contains(p) && capabilities[p].is_boolean() && capabilities[p].get<bool>();
  };
  json::json_pointer encodings("/general/positionEncodings");
  if (capabilities.contains(encodings) && capabilities[encodings].is_array())
    for (const json &e : capabilities[encodings])
      encoding.utf8 |= e == "utf-8";
  refreshHints = flag("/workspace/inlayHint/refreshSupport");
  refreshLenses = flag("/workspace/codeLens/refreshSupport");
  initialized = true;
  return {{"capabilities",
           {{"positionEncoding", encoding.utf8 ? "utf-8" : "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"inlayHintProvider", true},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
            {"codeLensProvider", {{"resolveProvider", false}}},
            {"executeCommandProvider", {{"commands", {ShowFanoutCommand}}}}}},
          {"serverInfo", {{"name", "retrylint"}, {"version", RetrylintVersion}}}};
}

void LanguageServer::handleNotification(const std::string &method, const json &params) {
  if (method == "initialized" || method.rfind("$/", 0) == 0 ||
      method == "workspace/didChangeConfiguration")
    return;
  if (!initialized || shuttingDown) {
    log(MessageType::Warning, "ignoring " + method + (shuttingDown ? " after shutdown" : " before initialize"));
    return;
  }
  try {
    if (method == "textDocument/didOpen") {
      const json &item = params.at("textDocument");
      std::string path = pathOf(params);
      Document &doc = documents[path];
      doc.uri = item.at("uri").get<std::string>();
      doc.text = item.at("text").get<std::string>();
      doc.version = item.value("version", int64_t(0));
      analyseDocument(path);
    } else if (method == "textDocument/didChange") {
      auto it = documents.find(pathOf(params));
      if (it == documents.end())
        return;
      // Full sync: each change carries the whole text. Diagnostics follow saves.
      for (const json &change : params.at("contentChanges"))
        if (!change.contains("range"))
          it->second.text = change.at("text").get<std::string>();
      it->second.version = params.at("textDocument").value("version", it->second.version);
    } else if (method == "textDocument/didSave") {
      std::string path = pathOf(params);
      if (params.contains("text") && documents.count(path))
        documents[path].text = params["text"].get<std::string>();
      analyseDocument(path);
    } else if (method == "textDocument/didClose") {
      std::string path = pathOf(params);
      auto it = documents.find(path);
      if (it != documents.end()) {
        notify("textDocument/publishDiagnostics", {{"uri", it->second.uri}, {"diagnostics", json::array()}});
        documents.erase(it);
      }
    } else {
      log(MessageType::Log, "ignoring the notification " + method + ", which retrylint does not use");
    }
  } catch (const RequestError &e) {
    log(MessageType::Warning, method + ": " + e.message);
  } catch (const std::exception &e) {
    log(MessageType::Warning, method + ": " + e.what());
  }
}

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
      if (!facts.complete)
        log(MessageType::Info, "the analysis of " + facts.mainFile + " is incomplete (" +
                                   (facts.problems.empty() ? "unknown error" : facts.problems[0].message) +
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
  if (tus.empty() && project->missing().empty() && doc != documents.end() && !doc->second.reportedOutside) {
    doc->second.reportedOutside = true;
    log(MessageType::Warning, path + " is not in " + project->databaseDir +
                                  "/compile_commands.json and no TU there includes it; it is not analysed");
  }
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
      auto facts = std::make_shared<std::vector<TUFacts>>(
          analyzeAll(jobs, settings.jobs, settings.frontend, cache, *notes));
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
          if (doc.project == project && !doc.reportedOutside && project->tusReading(path).empty()) {
            doc.reportedOutside = true;
            log(MessageType::Warning, path + " is not in " + project->databaseDir +
                                          "/compile_commands.json and no TU there includes it; it is not analysed");
          }
      });
    }
  }
}

LanguageServer::Document *LanguageServer::document(const json &params) {
  auto it = documents.find(pathOf(params));
  return it == documents.end() ? nullptr : &it->second;
}

const Snapshot *LanguageServer::snapshotOf(const Document *doc) const {
  return doc && doc->project ? doc->project->snapshot.get() : nullptr;
}

unsigned LanguageServer::byteColumn(const Document *doc, unsigned line, unsigned character) const {
  return encoding.byteColumn(doc ? lineOf(doc->text, line) : std::string(), character);
}

void LanguageServer::respond(const json &id, json result) {
  transport.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void LanguageServer::respondError(const json &id, int code, const std::string &message) {
  transport.write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void LanguageServer::notify(const std::string &method, json params) {
  transport.write({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void LanguageServer::log(MessageType type, const std::string &text) {
  std::fprintf(stderr, "retrylint lsp: %s\n", text.c_str());
  if (initialized)
    notify("window/logMessage", {{"type", static_cast<int>(type)}, {"message", text}});
}

} // namespace retrylint::lsp
