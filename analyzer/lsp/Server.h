// The language server: reads messages on one thread, answers them in order on another, and
// analyses the TUs missing from the cache on a third, so a request never waits for the
// whole project.
#pragma once

#include "lsp/Protocol.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace retrylint::lsp {

class LanguageServer {
public:
  LanguageServer(Workspace &workspace, Transport &transport)
      : workspace(workspace), transport(transport) {}

  /// Serves until `exit` or the end of the input; returns the process's exit code: 0 when
  /// `shutdown` came first, else 1 (as the protocol asks).
  int run();

private:
  struct Document {
    std::string uri;
    std::string text;
    int64_t version = 0;
    Project *project = nullptr;
    json published; // the last diagnostics sent
    bool reportedOutside = false;
  };

  // The reader's side.
  void receive(json message);
  void brokenInput(const std::string &problem, bool parseError);

  // The worker's side: everything else, in the order it arrived. The analysis and the
  // background indexer are in ServerAnalysis.cpp.
  void post(std::function<void()> task);
  void workLoop();
  void handleRequest(const std::string &method, const json &id, const json &params);
  json answer(const std::string &method, const json &params);
  void handleNotification(const std::string &method, const json &params);
  json initialize(const json &params);
  void analyseDocument(const std::string &path);
  void publish(Project &project, const std::set<std::string> &forced);
  void startIndexing(Project &project);
  void indexLoop();
  /// Warns once that a document is in no TU of its project's database.
  void reportUnanalysed(const std::string &path, Document &doc);
  Document *document(const json &params);
  const Snapshot *snapshotOf(const Document *doc) const;
  unsigned byteColumn(const Document *doc, unsigned line, unsigned character) const;

  void respond(const json &id, json result);
  void respondError(const json &id, int code, const std::string &message);
  void notify(const std::string &method, json params);
  void log(MessageType type, const std::string &text);

  Workspace &workspace;
  Transport &transport;
  PositionEncoding encoding;
  std::atomic<bool> initialized{false}, shuttingDown{false}, stopping{false};
  bool refreshHints = false, refreshLenses = false;
  std::map<std::string, Document> documents; // by path
  int nextRequestId = 0;

  std::mutex queueMutex;
  std::condition_variable queueReady;
  std::deque<std::function<void()>> queue;
  std::set<std::string> cancelled; // request ids, dumped

  // Background analysis of TUs the cache did not hold: one project at a time.
  std::mutex indexMutex;
  std::condition_variable indexReady;
  std::deque<std::pair<Project *, std::vector<std::pair<size_t, CompileJob>>>> indexQueue;
  std::set<Project *> indexing;
  int brokenReported = 0;
};

} // namespace retrylint::lsp
