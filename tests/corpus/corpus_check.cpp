// Runs retrylint on one corpus file and compares its findings with the file's inline
// expectations. Every missing and every unexpected finding fails, like clang-tidy's
// -implicit-check-not. Fix-its are applied and the fixed file must compile and be clean
// of the fixed rule.
//
// usage: corpus_check <retrylint> <corpus root> <file.cpp> [<clang++> ]
// exit: 0 all met; 1 a mismatch; 77 (CTest: skipped) only pending expectations remain.
#include "Expectations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace retrylint::corpus;
using nlohmann::json;

namespace {

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shellQuote(const std::string &s) {
  std::string q = "'";
  for (char c : s)
    q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs a command; returns its stdout and sets `status` to its exit code.
std::string run(const std::string &command, int &status) {
  std::string out;
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe) {
    status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
    out.append(buf, n);
  int raw = pclose(pipe);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

/// -std=<the file's corpus-std clause, c++17 by default>.
std::string standardFlag(const std::string &file) { return " -std=" + corpusStandard(readFile(file)); }

std::string analyzeCommand(const std::string &tool, const std::string &root, const std::string &file,
                           const std::string &extraFlags = "") {
  return shellQuote(tool) + " --format=json --fail-on=none " + shellQuote(file) + " --" +
         standardFlag(file) + " -I" + shellQuote(root + "/include") + extraFlags + " 2>/dev/null";
}

/// Applies one fix (single-line spans only) to `source`.
bool applyFix(std::string &source, const json &fix) {
  const json &span = fix.at("span");
  unsigned line = span.at("line"), col = span.at("column"), endLine = span.at("endLine"),
           endCol = span.at("endColumn");
  if (line != endLine)
    return false;
  size_t offset = 0;
  for (unsigned l = 1; l < line; ++l)
    offset = source.find('\n', offset) + 1;
  source.replace(offset + col - 1, endCol - col, fix.at("replacement").get<std::string>());
  return true;
}

/// The fixed file must compile and no longer carry the fixed rule on that line.
int verifyFix(const std::string &tool, const std::string &root, const std::string &file,
              const std::string &compiler, const json &finding) {
  std::string source = readFile(file);
  for (const json &fix : finding.at("fixes"))
    if (!applyFix(source, fix)) {
      std::cerr << "FAIL: multi-line fix-it is not applied by this harness\n";
      return 1;
    }
  std::string dir = file.substr(0, file.rfind('/'));
  std::string fixed = dir + "/.fixed-" + std::to_string(getpid()) + ".cpp";
  std::ofstream(fixed) << source;
  int status = 0;
  std::string log = run(shellQuote(compiler) + " -fsyntax-only" + standardFlag(fixed) + " -include random -I" +
                            shellQuote(root + "/include") + " " + shellQuote(fixed) + " 2>&1",
                        status);
  int result = 0;
  if (status != 0) {
    std::cerr << "FAIL: the fix-it for " << finding.at("ruleId").get<std::string>() << " at line "
              << finding.at("line") << " does not compile:\n" << log;
    result = 1;
  } else {
    json after = json::parse(run(analyzeCommand(tool, root, fixed, " -include random"), status));
    for (const json &f : after.at("findings"))
      if (f.at("ruleId") == finding.at("ruleId") && f.at("line") == finding.at("line")) {
        std::cerr << "FAIL: after its fix-it, " << f.at("ruleId").get<std::string>()
                  << " still fires at line " << f.at("line") << "\n";
        result = 1;
      }
  }
  std::remove(fixed.c_str());
  return result;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    std::cerr << "usage: corpus_check <retrylint> <corpus root> <file.cpp> [<clang++>]\n";
    return 2;
  }
  std::string tool = argv[1], root = argv[2], file = argv[3];
  std::string compiler = argc > 4 ? argv[4] : "";
  std::vector<Expectation> expected = parseExpectations(readFile(file));

  int status = 0;
  std::set<std::string> implemented;
  std::istringstream checks(run(shellQuote(tool) + " --list-checks", status));
  for (std::string line; std::getline(checks, line);)
    implemented.insert(line.substr(0, line.find('\t')));

  std::string output = run(analyzeCommand(tool, root, file), status);
  json report;
  try {
    report = json::parse(output);
  } catch (const std::exception &e) {
    std::cerr << "FAIL: retrylint exited " << status << " without a JSON report: " << e.what() << "\n";
    return 1;
  }
  if (!report.at("complete").get<bool>())
    std::cerr << "note: retrylint reports the analysis of " << file << " as incomplete\n";

  int failures = 0;
  std::vector<const Expectation *> pending;
  std::vector<const Expectation *> wanted;
  for (const Expectation &e : expected) {
    if (!e.pending) {
      wanted.push_back(&e);
      continue;
    }
    if (implemented.count(e.ruleId)) {
      std::cerr << "FAIL: line " << e.line << ": " << e.ruleId
                << " is implemented now; turn expect-pending into expect\n";
      ++failures;
    }
    pending.push_back(&e);
  }
  for (const json &f : report.at("findings")) {
    std::pair<unsigned, std::string> key{f.at("line").get<unsigned>(), f.at("ruleId").get<std::string>()};
    auto it = std::find_if(wanted.begin(), wanted.end(), [&](const Expectation *e) {
      return e->line == key.first && e->ruleId == key.second;
    });
    if (it == wanted.end()) {
      std::cerr << "FAIL: unexpected " << key.second << " at line " << key.first << ": "
                << f.at("title").get<std::string>() << "\n";
      ++failures;
      continue;
    }
    // Pinned numbers: expect: retry-nested-fanout fanout=27
    for (const auto &[attribute, value] : (*it)->attributes) {
      if (attribute == "says") { // expect: retry-unbounded says="waits through `Waiter::WaitFor`"
        if (f.at("title").get<std::string>().find(value) == std::string::npos) {
          std::cerr << "FAIL: " << key.second << " at line " << key.first << " says \""
                    << f.at("title").get<std::string>() << "\", expected it to say \"" << value << "\"\n";
          ++failures;
        }
        continue;
      }
      const json &props = f.at("properties");
      std::string actual = props.contains(attribute) ? props.at(attribute).get<std::string>() : "(none)";
      if (actual != value) {
        std::cerr << "FAIL: " << key.second << " at line " << key.first << ": " << attribute
                  << "=" << actual << ", expected " << value << "\n";
        ++failures;
      }
    }
    wanted.erase(it);
    std::cout << "ok: " << key.second << " at line " << key.first << ": "
              << f.at("title").get<std::string>() << "\n";
    if (!compiler.empty() && !f.at("fixes").empty())
      failures += verifyFix(tool, root, file, compiler, f);
  }
  for (const Expectation *e : wanted) {
    std::cerr << "FAIL: missing " << e->ruleId << " at line " << e->line << "\n";
    ++failures;
  }
  for (const Expectation *e : pending)
    std::cout << "pending: " << e->ruleId << " at line " << e->line << " (rule not implemented yet)\n";
  if (failures)
    return 1;
  bool onlyPending = !pending.empty() &&
                     std::none_of(expected.begin(), expected.end(), [](const Expectation &e) { return !e.pending; });
  return onlyPending ? 77 : 0;
}
