// Turns Clang source ranges into plain SourceSpans (absolute file, 1-based line/column,
// the line's text), using the expansion location for code that comes from a macro.
#pragma once

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"

namespace retrylint {

SourceSpan makeSpan(clang::SourceRange range, const clang::SourceManager &sm,
                    const clang::LangOptions &lang);
inline SourceSpan makeSpan(clang::SourceRange range, const clang::ASTContext &ctx) {
  return makeSpan(range, ctx.getSourceManager(), ctx.getLangOpts());
}

/// The source text of `range`; empty when it comes from a macro expansion.
std::string sourceText(clang::SourceRange range, const clang::ASTContext &ctx);

} // namespace retrylint
