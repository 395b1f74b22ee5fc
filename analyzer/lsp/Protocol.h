// The pieces of the Language Server Protocol the server speaks, kept apart from what it says:
// JSON-RPC error codes, file URIs, and positions. Facts count 1-based byte columns; LSP
// counts 0-based characters in UTF-16 code units unless the client agreed to UTF-8.
#pragma once

#include "facts/Facts.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace retrylint::lsp {

using json = nlohmann::json;

enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

enum class MessageType { Error = 1, Warning = 2, Info = 3, Log = 4 };

/// file:///a%20b/c.cpp for /a b/c.cpp.
std::string uriFromPath(const std::string &path);

/// The absolute, normalised path of a file: URI; nothing for another scheme or a relative path.
std::optional<std::string> pathFromUri(const std::string &uri);

/// How positions are counted on the wire.
struct PositionEncoding {
  bool utf8 = false; // else UTF-16, the protocol's default

  /// The LSP character of a 1-based byte column of `lineText`.
  unsigned character(const std::string &lineText, unsigned byteColumn) const;
  /// The 1-based byte column of an LSP character of `lineText`.
  unsigned byteColumn(const std::string &lineText, unsigned character) const;

  /// {line, character} of a 1-based line and byte column; `lineText` is that line's text.
  json position(unsigned line, unsigned column, const std::string &lineText) const;
  /// The range of a span (its end counted on its first line's text when on that line).
  json range(const SourceSpan &span) const;
  json location(const SourceSpan &span) const;
};

/// The line (0-based) of `text`, without its line break; "" past the end.
std::string lineOf(const std::string &text, unsigned line);

} // namespace retrylint::lsp
