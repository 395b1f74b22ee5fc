#include "frontend/FactsCache.h"

#include "facts/FactsJson.h"
#include "facts/FileIO.h"
#include "facts/Hashing.h"
#include "Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <stdexcept>

namespace retrylint {
namespace {

/// Content hash of a file, or "" when it cannot be read (or is no regular file: an entry
/// naming /dev/zero is a miss, not a read that never ends).
std::string contentHash(const std::string &path) {
  std::string content;
  if (!readInputFile(path, MaxSourceFileBytes, content).empty())
    return "";
  return hashHex(content);
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

/// The running binary's own content hash: a rebuilt analyzer with the same version string
/// (a development build, a patched package) must not reuse the facts the old model wrote.
const std::string &toolIdentity() {
  static const std::string identity = [] {
    auto buffer = llvm::MemoryBuffer::getFile("/proc/self/exe", /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    return buffer ? hashHex((*buffer)->getBuffer()) : std::string(RetrylintVersion);
  }();
  return identity;
}

} // namespace

std::string FactsCache::entryPath(const CompileJob &job) const {
  // The key: the tool's build and facts version, the command, and the directory it runs in.
  std::string key = toolIdentity() + "\n" + std::to_string(FactsFormatVersion) +
                    "\n" + settings + "\n" + job.directory + "\n" + job.file;
  for (const std::string &arg : job.commandLine)
    key += "\n" + arg;
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, hashHex(key) + ".json");
  return std::string(path);
}

std::optional<TUFacts> FactsCache::lookup(const CompileJob &job, std::string &note) const {
  std::string path = entryPath(job);
  if (!llvm::sys::fs::exists(path))
    return std::nullopt; // never analysed with this command
  std::string text;
  if (std::string problem = readInputFile(path, MaxFactsFileBytes, text); !problem.empty()) {
    note = "ignoring unreadable cache entry: " + problem + "; analysing " + job.file + " again";
    return std::nullopt;
  }
  try {
    nlohmann::json entry = nlohmann::json::parse(text);
    for (const nlohmann::json &input : entry.at("inputs")) {
      std::string file = input.at("path").get<std::string>();
      const nlohmann::json &size = input.at("size"), &mtime = input.at("mtime");
      // Integers only: nlohmann would cast a float (1e300) with undefined behaviour.
      if (!size.is_number_unsigned() || !mtime.is_number_integer())
        throw std::invalid_argument("an input's size or mtime is not an integer");
      auto now = stamp(file);
      if (!now)
        return std::nullopt;
      bool sameStamp = now->size == size.get<uint64_t>() && now->mtime == mtime.get<int64_t>();
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
  // A unique temporary renamed over the entry: a concurrent or interrupted run never
  // leaves half an entry, nor an orphan temporary.
  std::string text = dumpJson(entry);
  std::string error = writeFileAtomically(entryPath(job), [&](llvm::raw_ostream &out) { out << text; });
  return error.empty() ? "" : "cache entry: " + error;
}

} // namespace retrylint
