// Fan-out in the text: inlay hints on retry sites and retried calls, and a code lens on
// each function that heads a nest of retrying layers.
#include "lsp/Features.h"

#include "report/Report.h"

#include <set>
#include <sstream>
#include <tuple>

namespace retrylint::lsp {
namespace {

/// Whether the check reports this nest (retry-nested-fanout's threshold), so the product
/// is worth a hint and a lens.
bool reportedNest(const Snapshot &snapshot, const FanoutChain &chain) {
  return chain.cyclic || static_cast<int>(chain.layerCount) >= snapshot.program.fanoutMinLayers;
}

/// "27", or the product's text when it is not one number ("3 × max_attempts").
std::string productLabel(const FanoutChain &chain) {
  double product = chain.product();
  if (product > 0) {
    std::ostringstream out;
    out.precision(15);
    out << product;
    return out.str();
  }
  return chain.cyclic ? "∞" : "(" + chain.productText() + ")";
}

} // namespace

json inlayHints(const Snapshot &snapshot, const std::string &file, unsigned firstLine,
                unsigned lastLine, const PositionEncoding &encoding) {
  std::set<std::tuple<unsigned, unsigned, std::string>> seen;
  json hints = json::array();
  auto add = [&](const SourceSpan &at, const std::string &label, const std::string &tooltip) {
    if (at.file != file || at.line < firstLine || at.line > lastLine || at.line == 0)
      return;
    if (!seen.emplace(at.line, at.column, label).second)
      return;
    hints.push_back({{"position", encoding.position(at.line, at.column, at.lineText)},
                     {"label", label},
                     {"tooltip", tooltip},
                     {"paddingRight", true}});
  };
  for (const FanoutChain *chain : snapshot.sites->nests()) {
    const FanoutLayer &outer = chain->layers.front();
    if (reportedNest(snapshot, *chain))
      add(outer.site, "×" + productLabel(*chain),
          chain->productText() + " calls reach " + chain->leaf + " per failed request at " + outer.function);
    for (size_t i = 0; i < chain->layers.size(); ++i) {
      const FanoutLayer &l = chain->layers[i];
      std::string who = l.function + (l.via.empty() ? "" : " through " + l.via);
      std::string tooltip = chain->layerCount > 1
                                ? "layer " + std::to_string(i + 1) + " of " + std::to_string(chain->layerCount) +
                                      ": " + who + " makes this call ×" + l.attempts.text()
                                : who + " makes this call ×" + l.attempts.text() + " per failed request";
      add(l.retriedCall, "×" + l.attempts.text(), tooltip);
    }
  }
  std::vector<json> sorted(hints.begin(), hints.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const json &a, const json &b) {
    return std::make_pair(a["position"]["line"].get<unsigned>(), a["position"]["character"].get<unsigned>()) <
           std::make_pair(b["position"]["line"].get<unsigned>(), b["position"]["character"].get<unsigned>());
  });
  return json(sorted);
}

json codeLenses(const Snapshot &snapshot, const std::string &file, const PositionEncoding &encoding) {
  json lenses = json::array();
  for (const FanoutChain *chain : snapshot.sites->nests()) {
    const FanoutLayer &outer = chain->layers.front();
    if (!reportedNest(snapshot, *chain) || outer.functionSpan.file != file || outer.functionSpan.line == 0)
      continue;
    json site = encoding.position(outer.site.line, outer.site.column, outer.site.lineText);
    lenses.push_back(
        {{"range", encoding.range(outer.functionSpan)},
         {"command",
          {{"title", "retry fan-out " + chain->productText() + " calls to " + chain->leaf},
           {"command", ShowFanoutCommand},
           {"arguments", json::array({uriFromPath(outer.site.file), site["line"], site["character"]})}}}});
  }
  return lenses;
}

std::string fanoutText(const Snapshot &snapshot, const std::string &file, unsigned line, unsigned column) {
  std::ostringstream out;
  for (const RetrySite *site : snapshot.sites->at(file, line, column))
    for (const ChainStep &step : site->chains)
      writeFanoutChain(*step.chain, snapshot.sourceRoot, out);
  return out.str();
}

} // namespace retrylint::lsp
