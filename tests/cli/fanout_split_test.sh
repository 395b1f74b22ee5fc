#!/usr/bin/env bash
# Classic incident 3 split across three translation units (test-corpus/nested-split/): each file
# alone has one retrying layer, so only the linked program has the 3 x 3 x 3 = 27 nest. Checks
# that it is found (a) through a compilation database, (b) through three separate --emit-facts
# runs and `retrylint link`, with SARIF identical to a direct run, and (c) that the SARIF result
# walks the three layers in codeFlows.
# usage: fanout_split_test.sh <retrylint> <corpus dir>
set -u
source "$(dirname "${BASH_SOURCE[0]}")/split_lib.sh"
split_setup "$1" "$2" nested-split
files=(gateway.cpp service.cpp data_layer.cpp)

for f in "${files[@]}"; do
  [ -f "$split/$f" ] || fail "missing $split/$f"
done
# The outermost layer's retry site: the Retry( call in Gateway::Handle.
gateway_line=$(grep -n 'return Retry(' "$split/gateway.cpp" | head -1 | cut -d: -f1)
[ -n "$gateway_line" ] || fail "no Retry call in gateway.cpp"

# Asserts the JSON report <file> holds exactly one finding: retry-nested-fanout at
# gateway.cpp:<gateway_line>, fanout "27", flow gateway.cpp -> service.cpp -> data_layer.cpp.
check_json() {
  node -e '
    const fs = require("fs");
    const [file, line] = [process.argv[1], Number(process.argv[2])];
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    const problems = [];
    const fanout = report.findings.filter(f => f.ruleId === "retry-nested-fanout");
    const others = report.findings.filter(f => f.ruleId !== "retry-nested-fanout");
    if (others.length)
      problems.push("unexpected findings: " + others.map(f => f.ruleId + " at " + f.file + ":" + f.line).join(", "));
    if (fanout.length !== 1) {
      problems.push(fanout.length + " retry-nested-fanout findings, expected 1");
    } else {
      const f = fanout[0];
      if (!/(^|\/)gateway\.cpp$/.test(f.file) || f.line !== line)
        problems.push("reported at " + f.file + ":" + f.line + ", expected gateway.cpp:" + line);
      if ((f.properties || {}).fanout !== "27")
        problems.push("fanout " + JSON.stringify((f.properties || {}).fanout) + ", expected \"27\"");
      const steps = (f.flow || []).map(s => s.span.file.replace(/.*\//, ""));
      if (JSON.stringify(steps) !== JSON.stringify(["gateway.cpp", "service.cpp", "data_layer.cpp"]))
        problems.push("flow " + JSON.stringify(steps) + ", expected gateway.cpp, service.cpp, data_layer.cpp");
      if (!problems.length) console.log("ok: " + f.title);
    }
    if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
  ' "$1" "$gateway_line" || fail "$2"
}

# (a) A compilation database with the three TUs, absolute paths as CMake writes them; -p with
# no files analyses all of them.
{
  printf '['
  sep=
  for f in "${files[@]}"; do
    printf '%s\n {"directory": "%s", "file": "%s/%s", "arguments": ["clang++", "-std=c++17", "-I%s/include", "-c", "%s/%s"]}' \
      "$sep" "$split" "$split" "$f" "$corpus" "$split" "$f"
    sep=,
  done
  printf ']\n'
} >"$work/compile_commands.json"
expect_exit 1 "$work/db.json" "$tool" -p "$work" --format=json
grep -q '"translationUnitCount": 3' "$work/db.json" || fail "expected three TUs from the compilation database"
check_json "$work/db.json" "compilation database run"

# (b) Three separate per-TU runs into one facts dir, then link. Each TU alone is clean.
cd "$split" || fail "cd $split"
for f in "${files[@]}"; do
  expect_exit 0 "$work/emit-$f.txt" "$tool" --emit-facts "$work/facts" "$f" -- "${flags[@]}"
done
[ "$(ls "$work/facts" | wc -l)" -eq 3 ] || fail "expected one facts file per TU"
expect_exit 1 "$work/link.json" "$tool" link --format=json "$work/facts"
check_json "$work/link.json" "linked facts"
expect_exit 1 "$work/link.sarif" "$tool" link --format=sarif "$work/facts"
expect_exit 1 "$work/direct.sarif" "$tool" --format=sarif "${files[@]}" -- "${flags[@]}"
cmp "$work/direct.sarif" "$work/link.sarif" || fail "link SARIF differs from the direct run's SARIF"

# (c) The SARIF result walks the three layers, outermost first.
node -e '
  const sarif = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const results = sarif.runs[0].results.filter(r => r.ruleId === "retry-nested-fanout");
  if (results.length !== 1) { console.error(results.length + " results, expected 1"); process.exit(1); }
  const flow = (((results[0].codeFlows || [])[0] || {}).threadFlows || [])[0];
  const locations = (flow && flow.locations) || [];
  if (locations.length !== 3) { console.error(locations.length + " threadFlow locations, expected 3"); process.exit(1); }
  const uris = locations.map(l => l.location.physicalLocation.artifactLocation.uri.replace(/.*\//, ""));
  if (uris.join() !== "gateway.cpp,service.cpp,data_layer.cpp") {
    console.error("threadFlow " + uris.join(", ") + ", expected gateway.cpp, service.cpp, data_layer.cpp");
    process.exit(1);
  }
' "$work/link.sarif" || fail "SARIF codeFlows"

echo "ok: fanout-split-tus"
