#include "frontend/Analysis.h"

#include "frontend/FactsCache.h"
#include "facts/FactsJson.h"
#include "facts/FileIO.h"
#include "facts/Hashing.h"
#include "frontend/WorkerProcesses.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>

namespace retrylint {

std::vector<TUFacts> analyzeAll(const std::vector<CompileJob> &jobs, unsigned threads,
                                const FrontendOptions &options, const FactsCache *cache,
                                std::vector<std::string> &notes) {
  std::vector<TUFacts> results(jobs.size());
  std::vector<std::string> jobNotes(jobs.size());
  auto analyze = [&](size_t i) {
    if (cache)
      if (std::optional<TUFacts> hit = cache->lookup(jobs[i], jobNotes[i])) {
        results[i] = std::move(*hit);
        return;
      }
    results[i] = extractTUFacts(jobs[i], options);
    if (cache)
      if (std::string error = cache->store(jobs[i], results[i]); !error.empty())
        jobNotes[i] = error;
  };
  if (threads == 1 || jobs.size() == 1) {
    for (size_t i = 0; i < jobs.size(); ++i)
      analyze(i);
  } else {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
    for (size_t i = 0; i < jobs.size(); ++i)
      pool.async([&, i] { analyze(i); });
    pool.wait();
  }
  for (std::string &note : jobNotes)
    if (!note.empty())
      notes.push_back(std::move(note));
  return results;
}

std::string writeFactsFiles(const std::vector<TUFacts> &tus, const std::string &dir) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return "cannot create facts directory '" + dir + "': " + ec.message();
  for (const TUFacts &tu : tus) {
    // The hash keeps two TUs with the same file name (a/util.cpp, b/util.cpp) apart.
    llvm::SmallString<256> path(dir);
    llvm::sys::path::append(path, llvm::sys::path::filename(tu.mainFile) + "." + hashHex(tu.mainFile) + ".facts.json");
    std::string text = dumpJson(toJson(tu), 1) + "\n";
    if (std::string error = writeFileAtomically(std::string(path), [&](llvm::raw_ostream &out) { out << text; });
        !error.empty())
      return error;
  }
  return {};
}

namespace {

TUFacts unreadable(const std::string &path, const std::string &why) {
  TUFacts tu;
  tu.mainFile = path;
  tu.complete = false;
  tu.problems.push_back({SourceSpan{path}, "facts file is unusable: " + why});
  return tu;
}

TUFacts readOne(const std::string &path) {
  std::string text;
  if (std::string problem = readInputFile(path, MaxFactsFileBytes, text); !problem.empty())
    return unreadable(path, problem);
  try {
    return tuFactsFromJson(nlohmann::json::parse(text));
  } catch (const std::exception &e) {
    return unreadable(path, e.what());
  }
}

} // namespace

std::vector<TUFacts> readFactsFiles(const std::vector<std::string> &paths, unsigned threads,
                                    std::string &error) {
  std::vector<std::string> files;
  for (const std::string &p : paths) {
    if (!llvm::sys::fs::exists(p)) {
      error = "no such facts file or directory: '" + p + "'";
      return {};
    }
    if (!llvm::sys::fs::is_directory(p)) {
      files.push_back(p);
      continue;
    }
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(p, ec), end; it != end && !ec; it.increment(ec))
      if (llvm::StringRef(it->path()).ends_with(".facts.json"))
        files.push_back(it->path());
  }
  if (files.empty()) {
    error = "no *.facts.json files in the given paths (write them with --emit-facts DIR)";
    return {};
  }
  std::sort(files.begin(), files.end());
  // Parsing the JSON is most of a link's time: spread it over the cores.
  std::vector<TUFacts> tus(files.size());
  llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
  for (size_t i = 0; i < files.size(); ++i)
    pool.async([&, i] { tus[i] = readOne(files[i]); });
  pool.wait();
  return tus;
}

} // namespace retrylint
