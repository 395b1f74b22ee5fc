#include "report/Baseline.h"

#include "facts/FileIO.h"
#include "report/Fingerprints.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

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

/// Whether a NOLINT comment suppressed the result (a log written by --write-baseline, or -o).
bool suppressedInSource(const nlohmann::json &result) {
  if (!result.is_object() || !result.contains("suppressions") || !result["suppressions"].is_array())
    return false;
  for (const nlohmann::json &s : result["suppressions"])
    if (s.is_object() && s.contains("kind") && s["kind"] == "inSource")
      return true;
  return false;
}

/// What the PR summary shows of a result (its key is complete, see resultKey).
Baseline::Result summary(const nlohmann::json &result) {
  Baseline::Result r;
  const nlohmann::json &physical = result["locations"][0]["physicalLocation"];
  r.ruleId = result["ruleId"].get<std::string>();
  r.uri = physical["artifactLocation"]["uri"].get<std::string>();
  if (physical.contains("region") && physical["region"].contains("startLine") &&
      physical["region"]["startLine"].is_number_unsigned())
    r.line = physical["region"]["startLine"].get<unsigned>();
  if (result.contains("message") && result["message"].contains("text") &&
      result["message"]["text"].is_string())
    r.message = result["message"]["text"].get<std::string>();
  if (result.contains("properties") && result["properties"].is_object())
    for (const char *field : {"fanout", "outermostFunction"})
      if (result["properties"].contains(field) && result["properties"][field].is_string())
        (std::string(field) == "fanout" ? r.fanout : r.outermostFunction) =
            result["properties"][field].get<std::string>();
  return r;
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
        if (suppressedInSource(result))
          continue; // a NOLINT comment accepts it, not the baseline
        std::string key = resultKey(result);
        if (key.empty())
          throw std::runtime_error("a result without ruleId, location URI or "
                                   "partialFingerprints.primaryLocationLineHash");
        baseline.keys.push_back(key);
        baseline.results.push_back(summary(result));
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
  std::multimap<std::string, size_t> unmatched; // key -> index into results
  for (size_t i = 0; i < keys.size(); ++i)
    unmatched.emplace(keys[i], i);
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
  std::vector<size_t> left;
  for (const auto &[key, index] : unmatched)
    left.push_back(index);
  std::sort(left.begin(), left.end());
  gone.clear();
  for (size_t index : left)
    gone.push_back(results[index]);
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
