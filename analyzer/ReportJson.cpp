#include "FactsJson.h"
#include "Report.h"
#include "Version.h"

namespace retrylint {

void writeJson(const Report &report, std::ostream &out) {
  using ojson = nlohmann::ordered_json;
  ojson findings = ojson::array();
  for (const Finding &f : report.findings) {
    ojson notes = ojson::array(), fixes = ojson::array();
    for (const FindingNote &n : f.notes)
      notes.push_back({{"span", toJson(n.span)}, {"message", n.message}});
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
                        {"fixes", fixes}});
  }
  ojson tus = ojson::array();
  for (const TUFacts &tu : report.program.tus)
    tus.push_back(toJson(tu));
  ojson doc{{"tool", "retrylint"},
            {"version", RetrylintVersion},
            {"complete", report.program.complete()},
            {"findings", findings},
            {"translationUnits", tus}};
  out << doc.dump(2) << "\n";
}

} // namespace retrylint
