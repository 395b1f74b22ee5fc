#include "report/Report.h"
#include "report/Fingerprints.h"
#include "facts/FactsJson.h"
#include "facts/Hashing.h"
#include "report/RunNotices.h"
#include "checks/Registry.h"
#include "Version.h"


#include <nlohmann/json.hpp>

#include <map>

namespace retrylint {
namespace {

using ojson = nlohmann::ordered_json;

const char *const SrcRoot = "SRCROOT";

bool underRoot(const std::string &file, const std::string &root) {
  return displayPath(file, root) != file || file.empty() || file[0] != '/';
}

ojson artifactLocation(const std::string &file, const std::string &root) {
  if (underRoot(file, root))
    return {{"uri", sarifArtifactUri(file, root)}, {"uriBaseId", SrcRoot}};
  return {{"uri", sarifArtifactUri(file, root)}};
}

ojson region(const SourceSpan &s) {
  return {{"startLine", std::max(1u, s.line)},
          {"startColumn", std::max(1u, s.column)},
          {"endLine", std::max(std::max(1u, s.line), s.endLine)},
          {"endColumn", std::max(s.column + 1, s.endColumn)}};
}

ojson location(const SourceSpan &s, const std::string &root) {
  return {{"physicalLocation", {{"artifactLocation", artifactLocation(s.file, root)},
                                {"region", region(s)}}}};
}

ojson ruleDescriptor(const RuleInfo &rule) {
  const std::string &markdown = ruleHelpMarkdown(rule.id);
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.shortDescription}}},
          {"fullDescription", {{"text", rule.fullDescription}}},
          {"help", {{"text", rule.fullDescription + " See " + ruleHelpUri(rule.id)},
                    {"markdown", markdown.empty() ? rule.fullDescription : markdown}}},
          {"helpUri", ruleHelpUri(rule.id)},
          {"defaultConfiguration", {{"level", toString(rule.level)}}},
          {"properties", {{"tags", rule.tags}, {"precision", rule.precision}}}};
}

ojson fixes(const Finding &f, const std::string &root) {
  ojson list = ojson::array();
  for (const FixIt &fix : f.fixes)
    list.push_back(
        {{"description", {{"text", fix.description}}},
         {"artifactChanges",
          {{{"artifactLocation", artifactLocation(fix.span.file, root)},
            {"replacements",
             {{{"deletedRegion", region(fix.span)},
               {"insertedContent", {{"text", fix.replacement}}}}}}}}}});
  return list;
}

/// The TUs' notices (report/RunNotices.h), each at the first line of its TU. Notes about the
/// run (a cache entry re-analysed) stay out: the same tree gives the same SARIF.
ojson notifications(const Report &report) {
  ojson list = ojson::array();
  for (const RunNotice &n : runNotices(report.program, {}, report.sourceRoot)) {
    ojson notification{{"level", n.level}, {"message", {{"text", n.message}}}};
    if (!n.file.empty())
      notification["locations"] =
          ojson::array({location(SourceSpan{n.file, 1, 1, 1, 2, ""}, report.sourceRoot)});
    list.push_back(notification);
  }
  return list;
}

/// SARIF's suppressions[]: a NOLINT comment is in source, a baseline is external.
ojson suppressions(const SuppressedFinding &s) {
  return ojson::array({{{"kind", s.kind == SuppressedFinding::Kind::InSource ? "inSource" : "external"},
                        {"status", "accepted"},
                        {"justification", s.justification}}});
}

} // namespace

std::string sarifArtifactUri(const std::string &file, const std::string &root) {
  if (underRoot(file, root))
    return encodePath(displayPath(file, root));
  return "file://" + encodePath(file);
}

void writeSarif(const Report &report, std::ostream &out) {
  ojson rules = ojson::array();
  std::map<std::string, size_t> ruleIndex;
  for (const Check *c : report.checks) {
    ruleIndex[c->rule().id] = rules.size();
    rules.push_back(ruleDescriptor(c->rule()));
  }
  ojson results = ojson::array();
  std::vector<RunEntry> entries = reportOrder(report.findings, report.suppressed);
  std::vector<std::string> hashes = lineHashes(entries);
  const size_t MaxResults = 25000; // GitHub code scanning's per-run limit
  for (size_t i = 0; i < entries.size() && results.size() < MaxResults; ++i) {
    const Finding &f = *entries[i].finding;
    if (entries[i].suppressed && entries[i].suppressed->kind == SuppressedFinding::Kind::OutsideDiff)
      continue;
    ojson result{{"ruleId", f.ruleId},
                 {"ruleIndex", ruleIndex[f.ruleId]},
                 {"level", toString(f.level)},
                 {"message", {{"text", sentenceMessage(f)}}},
                 {"locations", ojson::array({location(f.span, report.sourceRoot)})},
                 {"partialFingerprints", {{"primaryLocationLineHash", hashes[i]}}}};
    if (entries[i].suppressed)
      result["suppressions"] = suppressions(*entries[i].suppressed);
    if (!f.notes.empty()) {
      ojson related = ojson::array();
      for (size_t n = 0; n < f.notes.size(); ++n) {
        ojson loc = location(f.notes[n].span, report.sourceRoot);
        loc["id"] = n + 1;
        loc["message"] = {{"text", f.notes[n].message}};
        related.push_back(loc);
      }
      result["relatedLocations"] = related;
    }
    if (!f.flow.empty()) {
      ojson steps = ojson::array();
      for (const FindingNote &step : f.flow) {
        ojson loc = location(step.span, report.sourceRoot);
        loc["message"] = {{"text", step.message}};
        steps.push_back({{"location", loc}});
      }
      result["codeFlows"] = ojson::array({{{"threadFlows", ojson::array({{{"locations", steps}}})}}});
    }
    if (!f.fixes.empty())
      result["fixes"] = fixes(f, report.sourceRoot);
    if (!f.confidence.empty())
      result["rank"] = f.confidence == "high" ? 90.0 : f.confidence == "medium" ? 60.0 : 30.0;
    if (!f.properties.empty() || !f.confidence.empty()) {
      ojson properties = ojson::object();
      for (const auto &[key, value] : f.properties)
        properties[key] = value;
      if (!f.confidence.empty())
        properties["confidence"] = f.confidence;
      result["properties"] = properties;
    }
    results.push_back(result);
  }
  std::string rootUri = "file://" + encodePath(report.sourceRoot);
  if (rootUri.back() != '/')
    rootUri += '/';
  ojson run{
      {"tool", {{"driver", {{"name", "retrylint"},
                            {"semanticVersion", RetrylintVersion},
                            {"informationUri", RetrylintInformationUri},
                            {"rules", rules}}}}},
      {"invocations", ojson::array({{{"executionSuccessful", report.program.complete()},
                                     {"toolExecutionNotifications",
                                      notifications(report)}}})},
      {"originalUriBaseIds", {{SrcRoot, {{"uri", rootUri}}}}},
      {"results", results}};
  ojson log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", ojson::array({run})}};
  out << dumpJson(log, 2) << "\n";
}

} // namespace retrylint
