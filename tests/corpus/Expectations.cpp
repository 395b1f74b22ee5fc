#include "Expectations.h"

#include <sstream>

namespace retrylint::corpus {
namespace {

std::vector<std::string> split(const std::string &s, const std::string &separators) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : s) {
    if (separators.find(c) != std::string::npos) {
      if (!current.empty())
        parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty())
    parts.push_back(current);
  return parts;
}

/// Words separated by blanks and commas; a `key="..."` word keeps its quoted blanks and
/// commas (the quotes are dropped).
std::vector<std::string> words(const std::string &s) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (!quoted && (c == ' ' || c == '\t' || c == ',')) {
      if (!current.empty())
        out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty())
    out.push_back(current);
  return out;
}

/// Clauses separated by ';' outside quotes.
std::vector<std::string> clauses(const std::string &s) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : s) {
    quoted ^= c == '"';
    if (c == ';' && !quoted)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

} // namespace

std::vector<Expectation> parseExpectations(const std::string &source) {
  std::vector<Expectation> result;
  std::istringstream in(source);
  std::string text;
  for (unsigned line = 1; std::getline(in, text); ++line) {
    size_t comment = text.find("//");
    if (comment == std::string::npos)
      continue;
    for (const std::string &clause : clauses(text.substr(comment + 2))) {
      size_t colon = clause.find(':');
      if (colon == std::string::npos)
        continue;
      std::string keyword = split(clause.substr(0, colon), " \t").empty()
                                ? ""
                                : split(clause.substr(0, colon), " \t").back();
      if (keyword != "expect" && keyword != "expect-pending")
        continue;
      Expectation *last = nullptr;
      for (const std::string &word : words(clause.substr(colon + 1))) {
        size_t eq = word.find('=');
        if (eq != std::string::npos && last) {
          last->attributes[word.substr(0, eq)] = word.substr(eq + 1);
          continue;
        }
        result.push_back({line, word, {}, keyword == "expect-pending"});
        last = &result.back();
      }
    }
  }
  return result;
}

std::string corpusStandard(const std::string &source) {
  std::string first = source.substr(0, source.find('\n'));
  const std::string clause = "// corpus-std:";
  size_t at = first.find(clause);
  if (at == std::string::npos)
    return "c++17";
  std::vector<std::string> value = split(first.substr(at + clause.size()), " \t\r");
  return value.empty() ? "c++17" : value.front();
}

} // namespace retrylint::corpus
