#include "frontend/Analysis.h"

#include "frontend/FactsCache.h"
#include "facts/FactsJson.h"
#include "facts/FileIO.h"
#include "facts/Hashing.h"
#include "frontend/WorkerProcesses.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>

namespace retrylint {

TUFacts failedTU(const std::string &mainFile, const std::string &failure) {
  TUFacts tu;
  tu.mainFile = mainFile;
  tu.complete = false;
  tu.analyzerFailure = failure;
  tu.problems.push_back({SourceSpan{mainFile}, "retrylint " + failure});
  return tu;
}

namespace {

/// What a worker sends back: the facts with the inputs the cache keys on, and a note.
/// CBOR keeps every byte of the strings (source lines need not be UTF-8).
std::string encodeResult(const TUFacts &facts, const std::string &note) {
  nlohmann::ordered_json j{{"facts", toJson(facts)}, {"inputs", facts.inputs}, {"note", note}};
  std::vector<uint8_t> bytes = nlohmann::ordered_json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

TUFacts decodeResult(const CompileJob &job, const WorkerResult &r, std::string &note) {
  if (!r.ok)
    return failedTU(job.file, r.failure);
  try {
    nlohmann::json j = nlohmann::json::from_cbor(r.payload);
    TUFacts facts = tuFactsFromJson(j.at("facts"));
    j.at("inputs").get_to(facts.inputs);
    j.at("note").get_to(note);
    return facts;
  } catch (const std::exception &e) {
    return failedTU(job.file, std::string("crashed (its worker sent unreadable facts: ") + e.what() + ")");
  }
}

} // namespace

std::vector<TUFacts> analyzeAll(const std::vector<CompileJob> &jobs, const AnalysisOptions &run,
                                const FrontendOptions &options, const FactsCache *cache,
                                std::vector<std::string> &notes) {
  std::vector<TUFacts> results(jobs.size());
  std::vector<std::string> jobNotes(jobs.size());
  auto analyze = [&](size_t i, std::string &note) {
    // Named in the stack dump if this TU crashes.
    llvm::PrettyStackTraceFormat context("retrylint: analysing %s", jobs[i].file.c_str());
    if (run.onStart)
      run.onStart(i);
    if (cache)
      if (std::optional<TUFacts> hit = cache->lookup(jobs[i], note))
        return std::move(*hit);
    TUFacts facts = extractTUFacts(jobs[i], options);
    if (cache)
      if (std::string error = cache->store(jobs[i], facts); !error.empty())
        note = error;
    return facts;
  };
  unsigned parallel = llvm::hardware_concurrency(run.threads).compute_thread_count();
  if (!run.inProcess) {
    std::vector<WorkerResult> done =
        runInWorkers(jobs.size(), {parallel, run.tuTimeoutSeconds}, [&](size_t i) {
          std::string note;
          TUFacts facts = analyze(i, note);
          return encodeResult(facts, note);
        });
    for (size_t i = 0; i < jobs.size(); ++i)
      results[i] = decodeResult(jobs[i], done[i], jobNotes[i]);
  } else {
    auto guarded = [&](size_t i) {
      try {
        results[i] = analyze(i, jobNotes[i]);
      } catch (const std::exception &e) {
        results[i] = failedTU(jobs[i].file, std::string("crashed (exception: ") + e.what() + ")");
      }
    };
    if (parallel == 1 || jobs.size() == 1) {
      for (size_t i = 0; i < jobs.size(); ++i)
        guarded(i);
    } else {
      llvm::DefaultThreadPool pool(llvm::hardware_concurrency(parallel));
      for (size_t i = 0; i < jobs.size(); ++i)
        pool.async([&, i] { guarded(i); });
      pool.wait();
    }
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
  return failedTU(path, "failed: the facts file is unusable (" + why + ")");
}

TUFacts readOne(const std::string &path) {
  // One buffer per thread: no fresh pages for every file. Not cleared: readInputFile resizes
  // it to the file's size, and only what grows beyond the last file's is zero-filled first.
  thread_local std::string text;
  if (std::string problem = readInputFile(path, MaxFactsFileBytes, text); !problem.empty())
    return unreadable(path, problem);
  if (text.capacity() < text.size() + FactsTextPadding)
    text.reserve(text.size() + FactsTextPadding); // then the parser needs no copy of its own
  try {
    return tuFactsFromText(text);
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
