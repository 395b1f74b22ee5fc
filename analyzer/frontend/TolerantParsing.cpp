#include "frontend/TolerantParsing.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include <algorithm>

using namespace clang;

namespace retrylint {
namespace {

/// FOO_API, CLIENT_DEPRECATED: what export and attribute macros look like.
bool looksLikeMacroName(llvm::StringRef name) {
  return name.size() >= 2 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
         }) && name.front() != '_' && !(name.front() >= '0' && name.front() <= '9');
}

/// `class FOO_API Client {`: FOO_API comes from a header that is missing, and Clang would
/// declare a class FOO_API and lose Client with all its members. When `class` or `struct`
/// is followed by all-caps identifiers that are not macros and then by the class name and
/// `{`, `:` or `final`, those identifiers are defined as empty macros before the parser
/// reads them. Such code is never valid C++ without the macro, so nothing valid changes.
class EmptyExportMacros {
public:
  explicit EmptyExportMacros(Preprocessor &pp) : pp(pp) {}

  void operator()(const Token &tok) {
    if (!tok.isOneOf(tok::kw_class, tok::kw_struct) || !tok.getLocation().isFileID())
      return;
    const SourceManager &sm = pp.getSourceManager();
    const LangOptions &lang = pp.getLangOpts();
    llvm::SmallVector<Token, 4> names;
    SourceLocation at = tok.getLocation();
    std::optional<Token> next;
    while ((next = Lexer::findNextToken(at, sm, lang)) && next->is(tok::raw_identifier) &&
           names.size() < MaxWords) {
      names.push_back(*next);
      at = next->getLocation();
    }
    if (!next || names.size() < 2)
      return;
    size_t nameIndex = names.size() - 1; // the class name, before `final` if any
    if (names.back().getRawIdentifier() == "final")
      --nameIndex;
    bool opens = next->isOneOf(tok::l_brace, tok::colon) || nameIndex + 1 < names.size();
    if (!opens || nameIndex == 0)
      return;
    // Every word before the name is a macro already (defined, or made empty by an earlier
    // class) or looks like one.
    for (size_t i = 0; i < nameIndex; ++i) {
      llvm::StringRef word = names[i].getRawIdentifier();
      if (!pp.isMacroDefined(pp.getIdentifierInfo(word)) && !looksLikeMacroName(word))
        return;
    }
    for (size_t i = 0; i < nameIndex; ++i) {
      IdentifierInfo *id = pp.getIdentifierInfo(names[i].getRawIdentifier());
      if (pp.isMacroDefined(id))
        continue;
      MacroInfo *empty = pp.AllocateMacroInfo(names[i].getLocation());
      empty->setDefinitionEndLoc(names[i].getLocation());
      pp.appendDefMacroDirective(id, empty);
    }
  }

private:
  static constexpr size_t MaxWords = 6;
  Preprocessor &pp;
};

/// A missing #include is fatal in Clang: every later include is skipped (the project's own
/// headers too) and template instantiation stops. Skipping just that include keeps the rest.
/// The first one also starts the watch for export macros: an undefined FOO_API comes from a
/// missing header, and a TU that misses none need not pay a look at every token (0.6% of a
/// parse).
class SkipMissingIncludes : public PPCallbacks {
public:
  SkipMissingIncludes(Preprocessor &pp, TUFacts &facts) : pp(pp), facts(facts) {}
  bool FileNotFound(llvm::StringRef fileName) override {
    if (facts.missingHeaders.empty() && pp.getLangOpts().CPlusPlus)
      pp.setTokenWatcher(EmptyExportMacros(pp));
    facts.complete = false;
    if (std::find(facts.missingHeaders.begin(), facts.missingHeaders.end(), fileName) ==
        facts.missingHeaders.end())
      facts.missingHeaders.push_back(fileName.str());
    return true;
  }

private:
  Preprocessor &pp;
  TUFacts &facts;
};

} // namespace

void makeParsingTolerant(CompilerInstance &ci, TUFacts &facts) {
  // A fatal error would still stop template instantiation: count it as an ordinary error.
  ci.getDiagnostics().setFatalsAsError(true);
  Preprocessor &pp = ci.getPreprocessor();
  pp.addPPCallbacks(std::make_unique<SkipMissingIncludes>(pp, facts));
}

} // namespace retrylint
