// bench/link_scale.cpp: writes the facts of a synthetic program straight to disk (no
// parse), for timing `retrylint link` on 100k to 1M functions: call chains that run deep
// across TUs, a retry loop around every 10th function's first call, and a back edge every
// 1000 functions that closes a cycle. Deterministic; usage: link_scale N TUS OUTDIR
#include "facts/FactsFormat.h" // FactsFormatVersion: the link refuses any other

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using json = nlohmann::ordered_json;

static json span(const std::string &file, unsigned line) {
  return {{"file", file}, {"line", line}, {"column", 3}, {"endLine", line},
          {"endColumn", 9}, {"lineText", "  call();"}};
}

static json call(long target, const std::string &file, unsigned line) {
  std::string usr = "c:@F@f" + std::to_string(target) + "#";
  return {{"calleeUsr", usr}, {"calleeName", "f" + std::to_string(target)}, {"span", span(file, line)},
          {"retryLoop", -1}, {"isVirtual", false}, {"helperUsr", ""}, {"callableArg", -1},
          {"argTexts", json::array()}, {"argValues", json::array()}, {"argKnown", json::array()},
          {"library", nullptr}};
}

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: link_scale FUNCTIONS TUS OUTDIR\n");
    return 2;
  }
  long n = std::stol(argv[1]), tus = std::stol(argv[2]);
  std::string out = argv[3];
  long per = n / tus;
  for (long t = 0; t < tus; ++t) {
    std::string file = "/generated/tu" + std::to_string(t) + ".cpp";
    json functions = json::array(), loops = json::array();
    for (long k = 0; k < per; ++k) {
      long i = t * per + k;
      unsigned line = static_cast<unsigned>(k * 10 + 1);
      json calls = json::array();
      for (long j : {i + 1, i + 7, i * 3 + 1})
        if (j < n)
          calls.push_back(call(j, file, line + 1));
      if (i % 1000 == 999)
        calls.push_back(call(i - 500, file, line + 2)); // a cycle
      std::string usr = "c:@F@f" + std::to_string(i) + "#";
      if (i % 10 == 0 && !calls.empty()) {
        calls[0]["retryLoop"] = loops.size();
        loops.push_back(
            {{"functionUsr", usr}, {"functionName", "f" + std::to_string(i)}, {"loop", span(file, line)},
             {"attempts", {{"kind", "constant"}, {"count", 3}, {"symbol", ""}, {"offset", 0}, {"exact", true},
                           {"effectivelyUnbounded", false}, {"defaultText", ""}}},
             {"delay", {{"growth", "none"}, {"multiplier", 0.0}, {"growthSpan", span("", 0)},
                        {"shiftOverflows", false}, {"capped", false}, {"growthByBranch", false}, {"jitter", "none"},
                        {"randomSource", ""}}},
             {"sleeps", json::array()}, {"sleepsAfterFinalAttempt", false},
             {"retriedCallUsrs", json::array({calls[0]["calleeUsr"]})}, {"budgetCall", ""},
             {"callableParam", -1}, {"attemptsParam", -1}, {"retryGateUsrs", json::array()},
             {"evidence", {{"classifiesFailure", false}, {"waits", false}, {"bounded", true},
                           {"retryNames", false}}},
             {"opaqueCalls", json::array()}, {"reinvokes", ""},
             {"scheduledThrough", {{"helperUsr", ""}, {"param", -1}, {"methodUsrs", json::array()}}}});
      }
      functions.push_back({{"usr", usr}, {"name", "f" + std::to_string(i)}, {"span", span(file, line)},
                           {"waits", false}, {"calls", calls}, {"overrides", json::array()}});
    }
    json tu{{"formatVersion", retrylint::FactsFormatVersion}, {"mainFile", file}, {"complete", true}, {"problems", json::array()},
            {"retryLoops", loops}, {"suppressions", json::array()}, {"functions", functions},
            {"breakers", json::array()}, {"budgets", json::array()},
            {"delayPolicies", json::array()}, {"helperSchedules", json::array()}};
    std::ofstream(out + "/tu" + std::to_string(t) + ".facts.json") << tu.dump();
  }
  return 0;
}
