#include "lsp/RetrySites.h"

#include <algorithm>

namespace retrylint::lsp {

RetrySite &RetrySiteIndex::siteFor(const SourceSpan &span) {
  RetrySite &site = sites[keyOf(span)];
  if (site.site.file.empty())
    site.site = span;
  return site;
}

RetrySiteIndex::RetrySiteIndex(const Program &program) {
  for (const RetryLoop *loop : program.retryLoops) {
    loops[keyOf(loop->loop)] = loop;
    for (const SleepSite &s : loop->sleeps)
      loops.emplace(keyOf(s.span), loop);
    if (loop->delay.growthSpan.line > 0)
      loops.emplace(keyOf(loop->delay.growthSpan), loop);
    siteFor(loop->loop).loop = loop;
  }
  chains = outermostChains(program.fanout, 1);
  for (const FanoutChain *chain : chains)
    for (size_t i = 0; i < chain->layers.size(); ++i) {
      const FanoutLayer &layer = chain->layers[i];
      RetrySite &site = siteFor(layer.site);
      if (!site.layer)
        site.layer = &layer;
      if (!site.loop)
        site.loop = loopAt(layer.loop);
      site.chains.push_back({chain, i});
    }
}

const RetryLoop *RetrySiteIndex::loopAt(const SourceSpan &span) const {
  auto it = loops.find(keyOf(span));
  return it == loops.end() ? nullptr : it->second;
}

const RetrySite *RetrySiteIndex::siteAt(const SourceSpan &span) const {
  auto it = sites.find(keyOf(span));
  return it == sites.end() ? nullptr : &it->second;
}

std::vector<const RetrySite *> RetrySiteIndex::at(const std::string &file, unsigned line,
                                                   unsigned column) const {
  std::vector<const RetrySite *> result;
  auto holds = [&](const SourceSpan &s) {
    return s.line == line && s.column <= column && (s.endLine > line || column < s.endColumn);
  };
  for (auto it = sites.lower_bound({file, 0, 0}); it != sites.end() && std::get<0>(it->first) == file;
       ++it) {
    const RetrySite &site = it->second;
    bool here = site.site.line == line;
    // A loop's sleeps show the loop; a helper's call sites are shown where they are.
    if (!here && site.loop && keyOf(site.loop->loop) == it->first)
      for (const SleepSite &s : site.loop->sleeps)
        here |= s.span.file == file && s.span.line == line;
    if (here)
      result.push_back(&site);
  }
  std::stable_partition(result.begin(), result.end(),
                        [&](const RetrySite *s) { return holds(s->site); });
  return result;
}

} // namespace retrylint::lsp
