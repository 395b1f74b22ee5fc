#include "report/Fixes.h"

#include "facts/FileIO.h"

#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>

namespace retrylint {
namespace {

/// clang-tidy's exported fixes (clang/Tooling/DiagnosticsYaml.h), the fields it reads.
struct ExportedReplacement {
  std::string filePath;
  unsigned offset = 0, length = 0;
  std::string replacementText;
};
struct ExportedMessage {
  std::string message, filePath;
  unsigned fileOffset = 0;
  std::vector<ExportedReplacement> replacements;
};
struct ExportedDiagnostic {
  std::string name;
  ExportedMessage message;
  std::string level; // Warning, Error, Remark
};
struct ExportedFixes {
  std::string mainSourceFile;
  std::vector<ExportedDiagnostic> diagnostics;
};

/// A fix-it as bytes of its file.
struct ByteFix {
  unsigned offset = 0, length = 0;
  const FixIt *fix = nullptr;
};

/// The byte offset of a 1-based line and column in `text`, or -1 when it is past the end.
long offsetOf(const std::string &text, unsigned line, unsigned column) {
  size_t at = 0;
  for (unsigned l = 1; l < line; ++l) {
    at = text.find('\n', at);
    if (at == std::string::npos)
      return -1;
    ++at;
  }
  at += column - 1;
  return at <= text.size() ? static_cast<long>(at) : -1;
}

/// The byte ranges of the fix-its, per file; files are read once.
std::string locate(const std::vector<Finding> &findings,
                   std::map<std::string, std::string> &contents,
                   std::map<std::string, std::vector<ByteFix>> &byFile) {
  for (const Finding &f : findings)
    for (const FixIt &fix : f.fixes) {
      const SourceSpan &s = fix.span;
      if (!contents.count(s.file))
        if (std::string problem = readInputFile(s.file, MaxSourceFileBytes, contents[s.file]);
            !problem.empty())
          return problem;
      const std::string &text = contents[s.file];
      long begin = offsetOf(text, s.line, s.column), end = offsetOf(text, s.endLine, s.endColumn);
      if (begin < 0 || end < begin)
        return "the fix-it at " + s.file + ":" + std::to_string(s.line) + ":" +
               std::to_string(s.column) + " is outside the file: was it changed?";
      byFile[s.file].push_back({static_cast<unsigned>(begin), static_cast<unsigned>(end - begin), &fix});
    }
  return "";
}

} // namespace
} // namespace retrylint

LLVM_YAML_IS_SEQUENCE_VECTOR(retrylint::ExportedReplacement)
LLVM_YAML_IS_SEQUENCE_VECTOR(retrylint::ExportedDiagnostic)

namespace llvm::yaml {
template <> struct MappingTraits<retrylint::ExportedReplacement> {
  static void mapping(IO &io, retrylint::ExportedReplacement &r) {
    io.mapRequired("FilePath", r.filePath);
    io.mapRequired("Offset", r.offset);
    io.mapRequired("Length", r.length);
    io.mapRequired("ReplacementText", r.replacementText);
  }
};
template <> struct MappingTraits<retrylint::ExportedMessage> {
  static void mapping(IO &io, retrylint::ExportedMessage &m) {
    io.mapRequired("Message", m.message);
    io.mapRequired("FilePath", m.filePath);
    io.mapRequired("FileOffset", m.fileOffset);
    io.mapRequired("Replacements", m.replacements);
  }
};
template <> struct MappingTraits<retrylint::ExportedDiagnostic> {
  static void mapping(IO &io, retrylint::ExportedDiagnostic &d) {
    io.mapRequired("DiagnosticName", d.name);
    io.mapRequired("DiagnosticMessage", d.message);
    io.mapRequired("Level", d.level);
  }
};
template <> struct MappingTraits<retrylint::ExportedFixes> {
  static void mapping(IO &io, retrylint::ExportedFixes &f) {
    io.mapRequired("MainSourceFile", f.mainSourceFile);
    io.mapRequired("Diagnostics", f.diagnostics);
  }
};
} // namespace llvm::yaml

namespace retrylint {

std::string exportFixes(const std::vector<Finding> &findings, std::ostream &out) {
  std::map<std::string, std::string> contents;
  std::map<std::string, std::vector<ByteFix>> byFile;
  if (std::string error = locate(findings, contents, byFile); !error.empty())
    return error;
  std::map<const FixIt *, const ByteFix *> bytes;
  for (const auto &[file, fixes] : byFile)
    for (const ByteFix &fix : fixes)
      bytes[fix.fix] = &fix;
  ExportedFixes exported;
  for (const Finding &f : findings) {
    if (f.fixes.empty())
      continue;
    ExportedDiagnostic d;
    d.name = f.ruleId;
    d.message.message = f.title;
    d.message.filePath = f.span.file;
    // The diagnostic's own offset (its file was read with its fix-its, or is read here).
    if (!contents.count(f.span.file))
      readInputFile(f.span.file, MaxSourceFileBytes, contents[f.span.file]);
    d.message.fileOffset =
        static_cast<unsigned>(std::max(0L, offsetOf(contents[f.span.file], f.span.line, f.span.column)));
    for (const FixIt &fix : f.fixes)
      d.message.replacements.push_back(
          {fix.span.file, bytes[&fix]->offset, bytes[&fix]->length, fix.replacement});
    d.level = f.level == Level::Error ? "Error" : f.level == Level::Warning ? "Warning" : "Remark";
    exported.diagnostics.push_back(std::move(d));
  }
  std::string text;
  llvm::raw_string_ostream stream(text);
  llvm::yaml::Output yaml(stream);
  yaml << exported;
  out << stream.str();
  return "";
}

std::string applyFixes(const std::vector<Finding> &findings, size_t &applied) {
  applied = 0;
  std::map<std::string, std::string> contents;
  std::map<std::string, std::vector<ByteFix>> byFile;
  if (std::string error = locate(findings, contents, byFile); !error.empty())
    return error;
  for (auto &[file, fixes] : byFile) {
    std::stable_sort(fixes.begin(), fixes.end(),
                     [](const ByteFix &a, const ByteFix &b) { return a.offset < b.offset; });
    std::string text = contents[file], result;
    size_t done = 0;
    for (const ByteFix &fix : fixes) {
      if (fix.offset < done)
        continue; // overlaps a fix already made
      result += text.substr(done, fix.offset - done) + fix.fix->replacement;
      done = fix.offset + fix.length;
      ++applied;
    }
    result += text.substr(done);
    if (std::string error = writeFileAtomically(file, [&](llvm::raw_ostream &o) { o << result; });
        !error.empty())
      return error;
  }
  return "";
}

} // namespace retrylint
