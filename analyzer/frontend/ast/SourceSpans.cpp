#include "frontend/ast/SourceSpans.h"

#include "facts/LineExcerpt.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace retrylint {
namespace {

std::string absolutePath(const SourceManager &sm, FileID fid) {
  if (OptionalFileEntryRef entry = sm.getFileEntryRefForID(fid)) {
    llvm::StringRef real = entry->getFileEntry().tryGetRealPathName();
    if (!real.empty())
      return real.str();
    llvm::SmallString<256> path(entry->getName());
    llvm::sys::fs::make_absolute(path);
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
    return std::string(path);
  }
  return {};
}

} // namespace

SourceSpan makeSpan(SourceRange range, const SourceManager &sm, const LangOptions &lang) {
  SourceLocation begin = sm.getExpansionLoc(range.getBegin());
  SourceLocation end = sm.getExpansionRange(range.getEnd()).getEnd();
  end = Lexer::getLocForEndOfToken(end, 0, sm, lang);
  SourceSpan span;
  FileID fid = sm.getFileID(begin);
  span.file = absolutePath(sm, fid);
  span.line = sm.getSpellingLineNumber(begin);
  span.column = sm.getSpellingColumnNumber(begin);
  if (end.isValid() && sm.getFileID(end) == fid) {
    span.endLine = sm.getSpellingLineNumber(end);
    span.endColumn = sm.getSpellingColumnNumber(end);
  } else {
    span.endLine = span.line;
    span.endColumn = span.column + 1;
  }
  bool invalid = false;
  llvm::StringRef buffer = sm.getBufferData(fid, &invalid);
  if (!invalid) {
    unsigned offset = sm.getFileOffset(begin);
    size_t start = buffer.rfind('\n', offset == 0 ? 0 : offset - 1);
    start = (start == llvm::StringRef::npos || offset == 0) ? 0 : start + 1;
    size_t stop = buffer.find('\n', offset);
    span.lineText = lineExcerpt(buffer.slice(start, stop).rtrim("\r"), span.column, span.lineTextColumn);
  }
  return span;
}

std::string sourceText(SourceRange range, const ASTContext &ctx) {
  if (range.getBegin().isMacroID() || range.getEnd().isMacroID())
    return {};
  return Lexer::getSourceText(CharSourceRange::getTokenRange(range), ctx.getSourceManager(),
                              ctx.getLangOpts())
      .str();
}

} // namespace retrylint
