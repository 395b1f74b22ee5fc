#include "report/Baseline.h"

#include "facts/FileIO.h"
#include "report/Fingerprints.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace retrylint {

namespace {

/// A result's key, or "" when it lacks a part of it.
std::string resultKey(const nlohmann::json &result) {
  auto text = [](const nlohmann::json &object, const char *field) -> std::string {
    if (!object.is_object() || !object.contains(field) || !object[field].is_string())
      return "";
    return object[field].get<std::string>();
  };
  std::string rule = text(result, "ruleId");
  if (!result.contains("partialFingerprints") || !result.contains("locations") ||
      !result["locations"].is_array() || result["locations"].empty())
    return "";
  std::string hash = text(result["partialFingerprints"], "primaryLocationLineHash");
  const nlohmann::json &where = result["locations"][0];
  std::string uri;
  if (where.contains("physicalLocation") && where["physicalLocation"].contains("artifactLocation"))
    uri = text(where["physicalLocation"]["artifactLocation"], "uri");
  if (rule.empty() || hash.empty() || uri.empty())
    return "";
  return baselineKey(rule, uri, hash, result.contains("properties") ? text(result["properties"], "fanout") : "");
}

} // namespace

Baseline Baseline::read(const std::string &path, std::string &error) {
  Baseline baseline;
  baseline.name = path.substr(path.find_last_of('/') + 1);
  std::string text;
  if (std::string problem = readInputFile(path, MaxFactsFileBytes, text); !problem.empty()) {
    error = "--baseline: " + problem;
    return baseline;
  }
  try {
    nlohmann::json log = nlohmann::json::parse(text);
    if (!log.is_object() || !log.contains("runs") || !log["runs"].is_array())
      throw std::runtime_error("no 'runs' array: not a SARIF log");
    for (const nlohmann::json &run : log["runs"]) {
      if (!run.is_object() || !run.contains("results"))
        continue;
      for (const nlohmann::json &result : run["results"]) {
        std::string key = resultKey(result);
        if (key.empty())
          throw std::runtime_error("a result without ruleId, location URI or "
                                   "partialFingerprints.primaryLocationLineHash");
        baseline.keys.insert(key);
      }
    }
  } catch (const std::exception &e) {
    error = "--baseline: " + path + ": " + e.what();
  }
  return baseline;
}

void Baseline::apply(const std::string &sourceRoot, std::vector<Finding> &reported,
                     std::vector<SuppressedFinding> &suppressed) const {
  std::vector<RunEntry> entries = reportOrder(reported, &suppressed);
  std::vector<std::string> hashes = lineHashes(entries);
  std::multiset<std::string> unmatched = keys;
  std::vector<bool> inBaseline(reported.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].suppressed)
      continue;
    const Finding &f = *entries[i].finding;
    auto it = unmatched.find(
        baselineKey(f.ruleId, sarifArtifactUri(f.span.file, sourceRoot), hashes[i], fanoutOf(f)));
    if (it == unmatched.end())
      continue;
    unmatched.erase(it);
    inBaseline[entries[i].finding - reported.data()] = true;
  }
  matchedCount = keys.size() - unmatched.size();
  std::vector<Finding> kept;
  for (size_t i = 0; i < reported.size(); ++i) {
    if (inBaseline[i])
      suppressed.push_back({std::move(reported[i]), SuppressedFinding::Kind::Baseline,
                            "in the baseline " + name});
    else
      kept.push_back(std::move(reported[i]));
  }
  reported = std::move(kept);
  std::stable_sort(suppressed.begin(), suppressed.end(),
                   [](const SuppressedFinding &a, const SuppressedFinding &b) {
                     return reportedBefore(a.finding, b.finding);
                   });
}

} // namespace retrylint
