#include "facts/FactsJson.h"
#include "report/Report.h"
#include "report/RunNotices.h"
#include "Version.h"

namespace retrylint {

namespace {

using ojson = nlohmann::ordered_json;

/// The fan-out view for the IDE: each retry site's worst chain of retrying layers.
ojson fanoutJson(const Program &program) {
  ojson chains = ojson::array();
  for (const FanoutChain *entry : outermostChains(program.fanout, 1)) {
    const FanoutChain &chain = *entry;
    ojson layers = ojson::array();
    for (const FanoutLayer &l : chain.layers) {
      ojson layer{{"site", toJson(l.site)}, {"function", l.function}, {"via", l.via}, {"attempts", l.attempts.text()}};
      if (!l.library.empty()) { // a library's own retries (docs/library-policies.md)
        layer["library"] = l.library;
        layer["policy"] = l.libraryPolicy;
      }
      layers.push_back(std::move(layer));
    }
    chains.push_back({{"layers", layers},
                      {"layerCount", chain.layerCount},
                      {"leaf", chain.leaf},
                      {"product", chain.productText()},
                      {"cyclic", chain.cyclic},
                      {"virtualWorstCase", chain.virtualWorstCase}});
  }
  return chains;
}

} // namespace

void writeFanoutJson(const Program &program, std::ostream &out) {
  out << dumpJson(ojson{{"fanout", fanoutJson(program)}}, 2) << "\n";
}

void writeJson(const Report &report, std::ostream &out) {
  ojson findings = ojson::array();
  for (const Finding &f : report.findings) {
    ojson notes = ojson::array(), flow = ojson::array(), fixes = ojson::array();
    ojson properties = ojson::object();
    for (const FindingNote &n : f.notes)
      notes.push_back({{"span", toJson(n.span)}, {"message", n.message}});
    for (const FindingNote &n : f.flow)
      flow.push_back({{"span", toJson(n.span)}, {"message", n.message}});
    for (const auto &[key, value] : f.properties)
      properties[key] = value;
    if (!f.confidence.empty())
      properties["confidence"] = f.confidence;
    for (const FixIt &fix : f.fixes)
      fixes.push_back({{"span", toJson(fix.span)},
                       {"replacement", fix.replacement},
                       {"description", fix.description}});
    findings.push_back({{"ruleId", f.ruleId},
                        {"level", toString(f.level)},
                        {"file", displayPath(f.span.file, report.sourceRoot)},
                        {"line", f.span.line},
                        {"column", f.span.column},
                        {"span", toJson(f.span)},
                        {"title", f.title},
                        {"fixHint", f.fixHint},
                        {"notes", notes},
                        {"flow", flow},
                        {"properties", properties},
                        {"fixes", fixes}});
  }
  ojson notices = ojson::array();
  for (const RunNotice &n : runNotices(report.program, report.runNotes, report.sourceRoot))
    notices.push_back({{"level", n.level},
                       {"file", n.file.empty() ? "" : displayPath(n.file, report.sourceRoot)},
                       {"message", n.message}});
  ojson doc{{"tool", "retrylint"},
            {"version", RetrylintVersion},
            {"complete", report.program.complete()},
            {"translationUnitCount", report.program.tus.size()},
            {"findings", findings},
            {"fanout", fanoutJson(report.program)},
            {"notices", notices}};
  // Every TU's facts are most of a large report: they go out only when asked.
  if (report.withFacts) {
    ojson tus = ojson::array();
    for (const TUFacts &tu : report.program.tus)
      tus.push_back(toJson(tu));
    doc["translationUnits"] = tus;
  }
  out << dumpJson(doc, 2) << "\n";
}

} // namespace retrylint
