// What the editor shows, computed from a snapshot: diagnostics, hovers, inlay hints, code
// lenses and code actions. Pure functions of the snapshot and the request.
#pragma once

#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

#include <string>

namespace retrylint::lsp {

/// The diagnostics of one file: one per finding reported in it.
json diagnosticsFor(const Snapshot &snapshot, const std::string &file, const PositionEncoding &encoding);

/// The diagnostic of one finding: its rule, the rule's page, and related locations for each
/// layer of a fan-out and each sleep of a schedule.
json diagnosticOf(const Snapshot &snapshot, const Finding &finding, const PositionEncoding &encoding);

/// The hover of the retry site at a 1-based line and byte column, or null.
json hoverAt(const Snapshot &snapshot, const std::string &file, unsigned line, unsigned column,
             const PositionEncoding &encoding);

/// "100, 200, 400, 800, 1600 ms, no jitter": what one sleep of a loop waits.
std::string scheduleOf(const RetryLoop &loop, const SleepSite &sleep);

/// `×27` before the outermost retry site of each nest, `×3` before each layer's retried
/// call, on lines [firstLine, lastLine] (1-based) of `file`.
json inlayHints(const Snapshot &snapshot, const std::string &file, unsigned firstLine,
                unsigned lastLine, const PositionEncoding &encoding);

/// A lens on each function that heads a nest of retrying layers.
json codeLenses(const Snapshot &snapshot, const std::string &file, const PositionEncoding &encoding);

/// The command a code lens runs, and what it shows: the nests at a retry site, as
/// `retrylint --fanout` prints them.
inline constexpr const char *ShowFanoutCommand = "retrylint.showFanout";
std::string fanoutText(const Snapshot &snapshot, const std::string &file, unsigned line, unsigned column);

/// The fix-its of the findings on lines [firstLine, lastLine] of `file` (full jitter first),
/// then a NOLINTNEXTLINE for each. `documentText`, when known, is the editor's text: a fix
/// whose line changed since the analysis is not offered.
json codeActions(const Snapshot &snapshot, const std::string &file, unsigned firstLine,
                 unsigned lastLine, const std::string *documentText, const PositionEncoding &encoding);

} // namespace retrylint::lsp
