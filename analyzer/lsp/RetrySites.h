// Where the editor shows retries: every retry site of a linked program (a retry loop, or a
// call of a retry helper) with the loop that retries there and the fan-out chains through it.
#pragma once

#include "link/Program.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace retrylint::lsp {

/// A chain of retrying layers, and which of its layers a site is.
struct ChainStep {
  const FanoutChain *chain;
  size_t layer;
};

struct RetrySite {
  SourceSpan site;
  const RetryLoop *loop = nullptr;    // the loop that retries (a helper's, for a helper call)
  const FanoutLayer *layer = nullptr; // the site as a retrying layer, if it is one
  std::vector<ChainStep> chains;      // each nest through this site, at its outermost site
};

class RetrySiteIndex {
public:
  explicit RetrySiteIndex(const Program &program);

  /// The sites of `file` at `line` (a site's own line, or one of its loop's sleeps), the
  /// one whose span holds `column` first.
  std::vector<const RetrySite *> at(const std::string &file, unsigned line, unsigned column) const;

  /// The retry loop whose keyword, sleep or delay growth is at `span`, or null.
  const RetryLoop *loopAt(const SourceSpan &span) const;

  /// The nests of retrying layers, each once at its outermost site (as `--fanout` shows them).
  const std::vector<const FanoutChain *> &nests() const { return chains; }

  /// The site at exactly this place, or null.
  const RetrySite *siteAt(const SourceSpan &span) const;

private:
  using Key = std::tuple<std::string, unsigned, unsigned>;
  static Key keyOf(const SourceSpan &s) { return {s.file, s.line, s.column}; }
  RetrySite &siteFor(const SourceSpan &span);

  std::map<Key, RetrySite> sites;
  std::map<Key, const RetryLoop *> loops; // by keyword, sleep and growth span
  std::vector<const FanoutChain *> chains;
};

} // namespace retrylint::lsp
