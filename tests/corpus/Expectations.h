// The corpus annotation format (test-corpus/README.md): `// expect: id[ key=value]...` and
// `// expect-pending: id` clauses, separated by ';', on the line of the finding, and the
// `// corpus-std: c++20` clause on the first line.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace retrylint::corpus {

struct Expectation {
  unsigned line = 0;
  std::string ruleId;
  /// fanout=27 pins a property; says="..." a part of the message.
  std::map<std::string, std::string> attributes;
  bool pending = false;
};

std::vector<Expectation> parseExpectations(const std::string &source);

/// The language standard a corpus file is compiled with: `c++17`, or what a
/// `// corpus-std: <std>` clause on the file's first line names (coroutines need `c++20`).
std::string corpusStandard(const std::string &source);

} // namespace retrylint::corpus
