#include "frontend/FactsCache.h"

#include "facts/FactsJson.h"
#include "facts/Hashing.h"
#include "Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace retrylint {
namespace {

/// Content hash of a file, or "" when it cannot be read.
std::string contentHash(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return buffer ? hashHex((*buffer)->getBuffer()) : "";
}

struct Stamp {
  uint64_t size = 0;
  int64_t mtime = 0;
};

std::optional<Stamp> stamp(const std::string &path) {
  llvm::sys::fs::file_status st;
  if (llvm::sys::fs::status(path, st))
    return std::nullopt;
  // Nanoseconds: an editor saves twice within a second, and an edit can keep the size.
  return Stamp{st.getSize(), static_cast<int64_t>(
                                 st.getLastModificationTime().time_since_epoch().count())};
}

} // namespace

std::string FactsCache::entryPath(const CompileJob &job) const {
  // The key: the tool and facts version, the command, and the directory it runs in.
  std::string key = std::string(RetrylintVersion) + "\n" + std::to_string(FactsFormatVersion) +
                    "\n" + settings + "\n" + job.directory + "\n" + job.file;
  for (const std::string &arg : job.commandLine)
    key += "\n" + arg;
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, hashHex(key) + ".json");
  return std::string(path);
}

std::optional<TUFacts> FactsCache::lookup(const CompileJob &job, std::string &note) const {
  std::string path = entryPath(job);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return std::nullopt; // never analysed with this command
  try {
    nlohmann::json entry = nlohmann::json::parse((*buffer)->getBuffer().begin(),
                                                 (*buffer)->getBuffer().end());
    for (const nlohmann::json &input : entry.at("inputs")) {
      std::string file = input.at("path").get<std::string>();
      auto now = stamp(file);
      if (!now)
        return std::nullopt;
      bool sameStamp = now->size == input.at("size").get<uint64_t>() &&
                       now->mtime == input.at("mtime").get<int64_t>();
      // A touched file with the same content (a checkout, a rebuild) is still a hit.
      if (!sameStamp && contentHash(file) != input.at("hash").get<std::string>())
        return std::nullopt;
    }
    TUFacts facts = tuFactsFromJson(entry.at("facts"));
    for (const nlohmann::json &input : entry.at("inputs"))
      facts.inputs.push_back(input.at("path").get<std::string>());
    return facts;
  } catch (const std::exception &e) {
    note = "ignoring unreadable cache entry " + path + " (" + e.what() + "); analysing " + job.file +
           " again";
    return std::nullopt;
  }
}

std::string FactsCache::store(const CompileJob &job, const TUFacts &facts) const {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return "cannot create cache directory '" + dir + "': " + ec.message();
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const std::string &file : facts.inputs) {
    auto s = stamp(file);
    std::string hash = contentHash(file);
    if (!s || hash.empty())
      return {}; // an input vanished mid-run: do not cache what cannot be validated
    inputs.push_back({{"path", file}, {"size", s->size}, {"mtime", s->mtime}, {"hash", hash}});
  }
  nlohmann::ordered_json entry{{"inputs", inputs}, {"facts", toJson(facts)}};
  // Write then rename, so a concurrent or interrupted run never leaves half an entry.
  std::string path = entryPath(job), temp = path + ".tmp" + hashHex(job.file);
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(temp, ec);
    if (ec)
      return "cannot write cache entry '" + temp + "': " + ec.message();
    out << entry.dump();
  }
  if (std::error_code ec = llvm::sys::fs::rename(temp, path))
    return "cannot write cache entry '" + path + "': " + ec.message();
  return {};
}

} // namespace retrylint
