#include "lsp/Server.h"

#include "lsp/Features.h"
#include "Version.h"

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
