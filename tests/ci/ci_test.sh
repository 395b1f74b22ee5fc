#!/usr/bin/env bash
# CI modes on a real git repository built here (docs/ci.md): progress and quiet, baseline and
# suppressions. One case per CTest test.
# usage: ci_test.sh <case> <retrylint> <validate-sarif.js>
set -u
case_name=$1 tool=$2 validator=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
flags=(-- -std=c++17)

source "$(dirname "${BASH_SOURCE[0]}")/../lib/expect.sh"
valid_sarif() { node "$validator" --strict "$1" >"$work/validator.log" 2>&1 || { cat "$work/validator.log" >&2; fail "$1 is not valid SARIF"; }; }
# sarif_query <file> <js expression over `results`>: prints its value.
sarif_query() {
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results;
           const results = r; console.log(JSON.stringify(eval(process.argv[2])));' "$1" "$2"
}
finding_line=': (warning|note|error): .*\[[a-z-]+\]$' # a finding, not a note of one
git_in() { git -C "$repo" -c user.name=ci -c user.email=ci@example.com "$@" >/dev/null; }

# The base commit: a backoff without jitter, two nested layers (3 x 3 = 9 calls of Send per
# failed GetUser) and a loop whose missing budget a NOLINT accepts.
make_base() {
  mkdir -p "$repo/src"
  git -C "$repo" init -q -b main
  cat >"$repo/src/client.h" <<'CPP'
#pragma once
struct Status { bool ok() const; };
Status Send(int key);
CPP
  cat >"$repo/src/backoff.cpp" <<'CPP'
#include <chrono>
#include <functional>
#include <system_error>
#include <thread>

std::error_code CallWithRetry(const std::function<std::error_code()>& fn) {
  const std::chrono::milliseconds base(100);
  std::error_code err;
  for (int attempt = 0; attempt < 5; ++attempt) {  // NOLINT(retry-unbudgeted)
    err = fn();
    if (!err) {
      return {};
    }
    std::this_thread::sleep_for(base * (1 << attempt));
  }
  return err;
}
CPP
  cat >"$repo/src/layers.cpp" <<'CPP'
#include "client.h"

Status ReadRow(int key) {
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = Send(key);
    if (s.ok()) break;
  }
  return s;
}

Status ReadRowAgain(int key) {
  Status s;
  for (int attempt = 0; attempt < 4; ++attempt) {
    s = Send(key + 1);
    if (s.ok()) break;
  }
  return s;
}

Status GetUser(int key) {
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = ReadRow(key);
    if (s.ok()) break;
  }
  return s;
}
CPP
  git_in add -A
  git_in commit -q -m base
}

# The pull request: unrelated lines move the old code down, and a third layer retries
# GetUser 3 times (3 x 3 x 3 = 27).
make_pr() {
  git_in checkout -q -b pr
  { printf '// Users, read through two retrying layers.\n\n'; cat "$repo/src/layers.cpp"; cat <<'CPP'

Status Handle(int key) {
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = GetUser(key);
    if (s.ok()) break;
  }
  return s;
}
CPP
  } >"$work/layers.cpp"
  mv "$work/layers.cpp" "$repo/src/layers.cpp"
  git_in commit -q -a -m "pr: a third layer"
}

# A second pull request: GetUser's loop now calls ReadRowAgain, which tries 4 times. No retry
# site changed, but the chain Handle -> GetUser -> ReadRowAgain (3 x 3 x 4) passes through a
# changed function.
make_pr2() {
  sed -i 's/    s = ReadRow(key);/    s = ReadRowAgain(key);/' "$repo/src/layers.cpp"
  git_in commit -q -a -m "pr: GetUser reads through ReadRowAgain"
}

case $case_name in
progress-quiet)
  make_base
  files=("$repo/src/backoff.cpp" "$repo/src/layers.cpp")
  # --progress: one "[i/N] file" per TU on stderr, nothing on stdout but the findings.
  expect_exit 1 "$tool" --progress -j1 "${files[@]}" "${flags[@]}"
  expect_in "$work/err" "[1/2] "
  expect_in "$work/err" "[2/2] "
  grep -q '^\[2/2\] .*layers.cpp$' "$work/err" || { cat "$work/err" >&2; fail "no [2/2] line naming layers.cpp"; }
  expect_not_in "$work/out" "[1/2]"
  # stderr is not a terminal: no progress by default.
  expect_exit 1 "$tool" "${files[@]}" "${flags[@]}"
  expect_not_in "$work/err" "[1/2]"
  # On a terminal, progress by default; --quiet silences it.
  script -qec "'$tool' ${files[*]} -- -std=c++17" /dev/null >"$work/tty" 2>&1
  expect_in "$work/tty" "[2/2] "
  script -qec "'$tool' --quiet ${files[*]} -- -std=c++17" /dev/null >"$work/tty" 2>&1
  expect_not_in "$work/tty" "[1/2]"
  expect_in "$work/tty" "[retry-backoff-no-jitter]"
  # --quiet: findings on stdout, and no notes on stderr (here: an incomplete TU).
  printf '#include "client.h"\nint broken() { return missing; }\n' >"$repo/src/broken.cpp"
  expect_exit 1 "$tool" "${files[@]}" "$repo/src/broken.cpp" "${flags[@]}"
  expect_in "$work/err" "note: analysis of"
  expect_exit 1 "$tool" --quiet --progress "${files[@]}" "$repo/src/broken.cpp" "${flags[@]}"
  [ ! -s "$work/err" ] || { cat "$work/err" >&2; fail "--quiet printed on stderr"; }
  expect_in "$work/out" "[retry-backoff-no-jitter]" ;;
nolint-suppressions)
  # A NOLINT'd finding is not reported, but SARIF lists it as suppressed in source, and it
  # still counts when identical lines are numbered: the other finding keeps its fingerprint.
  make_base
  cat >"$repo/src/twice.cpp" <<'CPP'
#include "client.h"

Status First(int key) {
  Status s;
  // NOLINTNEXTLINE(retry-no-backoff)
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = Send(key);
    if (s.ok()) break;
  }
  return s;
}

Status Second(int key) {
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = Send(key);
    if (s.ok()) break;
  }
  return s;
}
CPP
  expect_exit 1 "$tool" "$repo/src/twice.cpp" "${flags[@]}"
  expect_in "$work/out" "twice.cpp:15:3: warning: 3 attempts with no delay"
  expect_not_in "$work/out" "twice.cpp:6:3: warning: 3 attempts with no delay"
  expect_exit 1 "$tool" --format=sarif -o "$work/run.sarif" "$repo/src/twice.cpp" "${flags[@]}"
  valid_sarif "$work/run.sarif"
  no_backoff='results.filter(r => r.ruleId === "retry-no-backoff")'
  [ "$(sarif_query "$work/run.sarif" "$no_backoff.map(r => [r.locations[0].physicalLocation.region.startLine, r.suppressions])")" = \
    '[[6,[{"kind":"inSource","status":"accepted","justification":"NOLINTNEXTLINE(retry-no-backoff) at line 5"}]],[15,null]]' ] ||
    fail "the NOLINT'd finding is not a suppressed result: $(sarif_query "$work/run.sarif" "$no_backoff")"
  # The NOLINT comment is for another rule here: nothing is suppressed, and the SARIF says so.
  sed -i 's|NOLINTNEXTLINE(retry-no-backoff)|NOLINTNEXTLINE(retry-backoff-no-jitter)|' "$repo/src/twice.cpp"
  expect_exit 1 "$tool" --format=sarif -o "$work/plain.sarif" "$repo/src/twice.cpp" "${flags[@]}"
  [ "$(sarif_query "$work/plain.sarif" "results.filter(r => r.suppressions).length")" = 0 ] || fail "suppressed without a matching NOLINT"
  hashes="$no_backoff.map(r => r.partialFingerprints.primaryLocationLineHash)"
  [ "$(sarif_query "$work/plain.sarif" "$hashes")" = "$(sarif_query "$work/run.sarif" "$hashes")" ] ||
    fail "a NOLINT changed the fingerprints: $(sarif_query "$work/plain.sarif" "$hashes") vs $(sarif_query "$work/run.sarif" "$hashes")"
  [ "$(sarif_query "$work/plain.sarif" "$hashes.map(h => h.split(':')[1])")" = '["1","2"]' ] || fail "identical lines are not numbered" ;;
baseline)
  make_base
  cd "$repo" || fail "no repo"
  # The base commit's findings become the baseline.
  expect_exit 1 "$tool" --write-baseline=base.sarif src/backoff.cpp src/layers.cpp "${flags[@]}"
  valid_sarif base.sarif
  expect_in "$work/out" "[retry-nested-fanout]"
  base_count=$(grep -cE "$finding_line" "$work/out")
  # Against its own baseline the base commit reports nothing and exits 0; SARIF keeps every
  # finding, suppressed: external (baseline) or in source (NOLINT).
  expect_exit 0 "$tool" --baseline=base.sarif src/backoff.cpp src/layers.cpp "${flags[@]}"
  [ ! -s "$work/out" ] || fail "findings in the baseline were reported"
  expect_in "$work/err" "findings of the baseline are still present"
  expect_exit 0 "$tool" --baseline=base.sarif --format=sarif -o same.sarif src/backoff.cpp src/layers.cpp "${flags[@]}"
  valid_sarif same.sarif
  [ "$(sarif_query same.sarif 'results.filter(r => !r.suppressions).length')" = 0 ] || fail "unsuppressed results"
  [ "$(sarif_query same.sarif 'results.filter(r => r.suppressions[0].kind === "external").length')" = "$base_count" ] ||
    fail "expected $base_count baseline suppressions: $(sarif_query same.sarif 'results.map(r => r.suppressions)')"
  [ "$(sarif_query same.sarif 'results.filter(r => r.suppressions[0].kind === "inSource").length')" = 1 ] || fail "NOLINT lost"
  [ "$(sarif_query same.sarif 'results.filter(r => r.suppressions[0].justification === "in the baseline base.sarif").length')" = "$base_count" ] ||
    fail "the justification does not name the baseline"
  # The pull request moves the old code down and adds a layer: only what it added is new.
  make_pr
  expect_exit 1 "$tool" --baseline=base.sarif src/backoff.cpp src/layers.cpp "${flags[@]}"
  handle_line=$(grep -n '^Status Handle' src/layers.cpp | cut -d: -f1)
  expect_in "$work/out" "src/layers.cpp:$((handle_line + 2)):3: warning: 3 × 3 × 3 = 27 calls"
  # Every reported finding is in Handle, the code the pull request added.
  grep -E "$finding_line" "$work/out" | while IFS=: read -r file line _; do
    [ "$file" = src/layers.cpp ] && [ "$line" -gt "$handle_line" ] ||
      fail "an old finding was reported: $file:$line"
  done || exit 1
  expect_exit 1 "$tool" --baseline=base.sarif --format=sarif -o pr.sarif src/backoff.cpp src/layers.cpp "${flags[@]}"
  valid_sarif pr.sarif
  # --fail-on counts only what is reported: the same run without the new layer passes.
  git_in checkout -q main
  expect_exit 0 "$tool" --baseline=base.sarif --fail-on=note src/backoff.cpp src/layers.cpp "${flags[@]}"
  # A baseline that is not SARIF is a usage error naming the file.
  echo '{"version": "2.1.0"}' >not.sarif
  expect_exit 2 "$tool" --baseline=not.sarif src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "not.sarif"
  expect_exit 2 "$tool" --baseline=absent.sarif src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "absent.sarif" ;;
diff)
  make_base
  make_pr
  cd "$repo" || fail "no repo"
  files=(src/backoff.cpp src/layers.cpp)
  handle_line=$(grep -n '^Status Handle' src/layers.cpp | cut -d: -f1)
  fanout_27="src/layers.cpp:$((handle_line + 2)):3: warning: 3 × 3 × 3 = 27 calls"
  # What the pull request added, exactly: the same as against a baseline of main.
  expect_exit 1 "$tool" --diff=main "${files[@]}" "${flags[@]}"
  cp "$work/out" diff.txt
  expect_in diff.txt "$fanout_27"
  git_in checkout -q main
  expect_exit 1 "$tool" --write-baseline="$work/main.sarif" "${files[@]}" "${flags[@]}"
  git_in checkout -q pr
  expect_exit 1 "$tool" --baseline="$work/main.sarif" "${files[@]}" "${flags[@]}"
  diff -u "$work/out" diff.txt || fail "--diff=main and --baseline of main differ"
  # A diff on stdin (with context lines) gives the same.
  git diff -U3 main >"$work/pr.diff"
  expect_exit 1 "$tool" --diff=- "${files[@]}" "${flags[@]}" <"$work/pr.diff"
  diff -u "$work/out" diff.txt || fail "--diff=- and --diff=main differ"
  expect_exit 1 "$tool" --diff=main --format=sarif -o diff.sarif "${files[@]}" "${flags[@]}"
  valid_sarif diff.sarif
  # Only GetUser's call changed: no retry site moved, yet the chain through it is reported,
  # at Handle, and nothing else is.
  make_pr2
  expect_exit 1 "$tool" --diff=HEAD~1 "${files[@]}" "${flags[@]}"
  expect_in "$work/out" "src/layers.cpp:$((handle_line + 2)):3: warning: 3 × 3 × 4 = 36 calls"
  [ "$(grep -cE "$finding_line" "$work/out")" -eq 1 ] || { cat "$work/out" >&2; fail "expected only the fan-out finding"; }
  # An unchanged tree reports nothing; a ref git does not know is a usage error.
  expect_exit 0 "$tool" --diff=HEAD "${files[@]}" "${flags[@]}"
  [ ! -s "$work/out" ] || fail "findings on an unchanged tree"
  expect_exit 2 "$tool" --diff=no-such-ref "${files[@]}" "${flags[@]}"
  expect_in "$work/err" "no-such-ref"
  printf '@@ -1 +1 @@\n' | "$tool" --diff=- "${files[@]}" "${flags[@]}" >"$work/out" 2>"$work/err"
  [ $? -eq 2 ] || fail "a hunk without a file is accepted"
  expect_in "$work/err" "not a hunk header" ;;
markdown)
  make_base
  make_pr
  cd "$repo" || fail "no repo"
  files=(src/backoff.cpp src/layers.cpp)
  handle_at="src/layers.cpp:$(($(grep -n '^Status Handle' src/layers.cpp | cut -d: -f1) + 2))"
  # Without a baseline: every finding, and every nest.
  expect_exit 1 "$tool" "${files[@]}" "${flags[@]}"
  all=$(grep -cE "$finding_line" "$work/out")
  expect_exit 1 "$tool" --format=markdown "${files[@]}" "${flags[@]}"
  expect_in "$work/out" "**$all findings**, 1 suppressed by NOLINT."
  expect_in "$work/out" "- \`Handle\`: 27 calls per failed request (\`$handle_at\`)"
  [ "$(grep -c '^- \*\*' "$work/out")" -eq "$all" ] || { cat "$work/out" >&2; fail "expected $all findings listed"; }
  # Against main's baseline: the new nest, and the one it replaced.
  git_in checkout -q main
  expect_exit 1 "$tool" --write-baseline="$work/main.sarif" "${files[@]}" "${flags[@]}"
  git_in checkout -q pr
  expect_exit 1 "$tool" --baseline="$work/main.sarif" "${files[@]}" "${flags[@]}"
  new=$(grep -cE "$finding_line" "$work/out")
  expect_exit 1 "$tool" --baseline="$work/main.sarif" --format=markdown "${files[@]}" "${flags[@]}"
  expect_in "$work/out" "**$new new findings**, 0 fixed, $((all - new)) unchanged from the baseline"
  expect_in "$work/out" "### Fan-out that changed"
  expect_in "$work/out" "- \`Handle\`: new, 27 calls per failed request"
  expect_in "$work/out" "- \`GetUser\`: 9 calls per failed request before, no longer a nest of retries"
  # The second pull request makes the nest deeper below Handle: 27 -> 36.
  expect_exit 1 "$tool" --write-baseline="$work/pr.sarif" "${files[@]}" "${flags[@]}"
  make_pr2
  expect_exit 1 "$tool" --baseline="$work/pr.sarif" --format=markdown "${files[@]}" "${flags[@]}"
  expect_in "$work/out" "- \`Handle\`: 27 → 36 calls per failed request (\`$handle_at\`)"
  expect_in "$work/out" "**1 new finding**, 0 fixed"
  expect_in "$work/out" "[retry-nested-fanout]: 3 × 3 × 4 = 36 calls reach"
  # A fix on top: ReadRow, no longer called, goes, and with it two findings.
  sed -i '/^Status ReadRow(int key) {$/,/^}$/d' src/layers.cpp
  expect_exit 1 "$tool" --baseline="$work/pr.sarif" --format=markdown "${files[@]}" "${flags[@]}"
  expect_in "$work/out" "**1 new finding**, 2 fixed"
  [ "$(sed -n '/^### Fixed/,$p' "$work/out" | grep -c '^- `src/layers.cpp:[0-9]*` \[retry-')" -eq 2 ] ||
    { cat "$work/out" >&2; fail "expected two fixed findings listed"; }
  expect_in "$work/out" "### Fixed" ;;
config)
  # .retrylint.yaml, found upward from each file; the nearest wins, flags win over files.
  make_base
  cd "$repo" || fail "no repo"
  cat >.retrylint.yaml <<'YAML'
# the project's settings
Checks: '-retry-unbudgeted'
Severity:
  retry-no-backoff: note
YAML
  mkdir -p src/legacy
  sed 's/ReadRow/OldReadRow/g; s/GetUser/OldGetUser/g; s|"client.h"|"../client.h"|' src/layers.cpp >src/legacy/old.cpp
  printf 'InheritParentConfig: true\nChecks: -retry-no-backoff\n' >src/legacy/.retrylint.yaml
  git_in add -A
  git_in commit -q -m "config"
  expect_exit 1 "$tool" src/layers.cpp src/legacy/old.cpp "${flags[@]}"
  expect_not_in "$work/out" "[retry-unbudgeted]"
  expect_in "$work/out" "src/layers.cpp:5:3: note: 3 attempts with no delay"
  expect_in "$work/out" "src/layers.cpp:23:3: warning: 3 × 3 = 9 calls"
  # The nearer config turns off one more check and keeps its parent's.
  grep -q "src/legacy/old.cpp:.*\[retry-no-backoff\]" "$work/out" && fail "the nearer config was ignored"
  expect_in "$work/out" "src/legacy/old.cpp:23:3: warning: 3 × 3 = 9 calls"
  expect_exit 1 "$tool" --format=sarif -o config.sarif src/layers.cpp "${flags[@]}"
  valid_sarif config.sarif
  [ "$(sarif_query config.sarif 'results.filter(r => r.ruleId === "retry-no-backoff").map(r => r.level)')" = '["note","note","note"]' ] ||
    fail "the severity of the config is not in SARIF"
  # Without InheritParentConfig the nearer file stands alone.
  printf 'Checks: -retry-no-backoff\n' >src/legacy/.retrylint.yaml
  expect_exit 1 "$tool" src/legacy/old.cpp "${flags[@]}"
  expect_in "$work/out" "[retry-unbudgeted]"
  expect_not_in "$work/out" "[retry-no-backoff]"
  # Flags win: --checks comes after the file's checks, --fanout-min-layers replaces its value.
  printf 'FanoutMinLayers: 3\n' >>.retrylint.yaml
  expect_exit 0 "$tool" src/layers.cpp "${flags[@]}" # notes only: below --fail-on
  expect_not_in "$work/out" "[retry-nested-fanout]"
  expect_exit 1 "$tool" --checks=retry-unbudgeted --fanout-min-layers=2 src/layers.cpp "${flags[@]}"
  expect_in "$work/out" "[retry-unbudgeted]"
  expect_in "$work/out" "[retry-nested-fanout]"
  # A flag that names no check is still a usage error when a config is there.
  expect_exit 2 "$tool" --checks=retry-no-such-rule src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "unknown check 'retry-no-such-rule'"
  # --dump-config: the merged files, then the flags.
  expect_exit 0 "$tool" --dump-config --min-confidence=high src/layers.cpp
  expect_in "$work/out" "# from $repo/.retrylint.yaml"
  expect_in "$work/out" "Checks:          '-retry-unbudgeted'"
  expect_in "$work/out" "FanoutMinLayers: 3"
  expect_in "$work/out" "MinConfidence:   high"
  expect_in "$work/out" "retry-no-backoff: note"
  # A malformed file is an error naming the file, the line and the key (exit 2).
  printf 'Checks: "-*,retry-*"\nFanoutMinLayer: 3\n' >.retrylint.yaml
  expect_exit 2 "$tool" src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "$repo/.retrylint.yaml:2:1: error: key 'FanoutMinLayer': unknown key 'FanoutMinLayer'"
  printf 'Checks: "-*,retry-*"\nFanoutMinLayers: many\n' >.retrylint.yaml
  expect_exit 2 "$tool" src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "$repo/.retrylint.yaml:2:18: error: key 'FanoutMinLayers': invalid number"
  printf 'Severity:\n  retry-no-backoff: loud\n' >.retrylint.yaml
  expect_exit 2 "$tool" src/layers.cpp "${flags[@]}"
  expect_in "$work/err" "$repo/.retrylint.yaml:2: error: key 'retry-no-backoff': 'loud' is not note, warning or error"
  printf 'Checks: retry-no-such-check\n' >src/legacy/.retrylint.yaml
  printf '' >.retrylint.yaml
  expect_exit 2 "$tool" src/legacy/old.cpp "${flags[@]}"
  expect_in "$work/err" "$repo/src/legacy/.retrylint.yaml:1: error: key 'Checks': unknown check 'retry-no-such-check'" ;;
fix)
  # --export-fixes in clang-apply-replacements' format, and --fix: the jitter finding goes.
  make_base
  cd "$repo" || fail "no repo"
  sed -i 's|#include <thread>|#include <random>\n#include <thread>|' src/backoff.cpp
  expect_exit 1 "$tool" src/backoff.cpp "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  delay='base \* (1 << attempt)'
  offset=$(grep -bo "$delay" src/backoff.cpp | cut -d: -f1)
  expect_exit 1 "$tool" --export-fixes="$work/fixes.yaml" src/backoff.cpp "${flags[@]}"
  expect_in "$work/fixes.yaml" "DiagnosticName:  retry-backoff-no-jitter"
  expect_in "$work/fixes.yaml" "FilePath:        '$repo/src/backoff.cpp'"
  expect_in "$work/fixes.yaml" "Offset:          $offset"
  expect_in "$work/fixes.yaml" "Length:          $(printf 'base * (1 << attempt)' | wc -c)"
  # clang-apply-replacements reads the export and makes the same change as --fix.
  cp src/backoff.cpp "$work/backoff.orig"
  applier=$(command -v clang-apply-replacements-19 || command -v clang-apply-replacements) ||
    fail "clang-apply-replacements is not installed (scripts/setup.sh installs clang-tools-19)"
  mkdir "$work/export" && cp "$work/fixes.yaml" "$work/export/"
  "$applier" "$work/export" || fail "clang-apply-replacements rejected the export"
  cp src/backoff.cpp "$work/backoff.applied"
  cp "$work/backoff.orig" src/backoff.cpp
  expect_exit 1 "$tool" --fix src/backoff.cpp "${flags[@]}"
  expect_in "$work/err" "applied 1 fix-it"
  cmp src/backoff.cpp "$work/backoff.applied" || { diff "$work/backoff.applied" src/backoff.cpp >&2; fail "--fix and clang-apply-replacements differ"; }
  expect_in src/backoff.cpp "std::uniform_int_distribution"
  # On the fixed code the jitter finding is gone (a note is left), and it still compiles.
  expect_exit 0 "$tool" src/backoff.cpp "${flags[@]}"
  expect_not_in "$work/out" "[retry-backoff-no-jitter]"
  expect_not_in "$work/err" "incomplete"
  expect_exit 0 "$tool" --format=sarif -o fixed.sarif src/backoff.cpp "${flags[@]}"
  valid_sarif fixed.sarif
  # Nothing to fix: the file is left alone.
  cp src/backoff.cpp "$work/backoff.fixed"
  expect_exit 0 "$tool" --fix src/backoff.cpp "${flags[@]}"
  cmp src/backoff.cpp "$work/backoff.fixed" || fail "--fix changed a file with nothing to fix" ;;
shard)
  # --shard=i/N on a compilation database, merged by `retrylint link`: the same bytes as one run.
  make_base
  make_pr
  cd "$repo" || fail "no repo"
  # Handle moves to a TU of its own, so the nest of three layers crosses shards.
  sed -i '/^Status Handle(int key) {$/,$d' src/layers.cpp
  printf 'Status GetUser(int key);\nStatus Handle(int key) {\n  Status s;\n  for (int attempt = 0; attempt < 3; ++attempt) {\n    s = GetUser(key);\n    if (s.ok()) break;\n  }\n  return s;\n}\n' |
    cat src/client.h - | sed 's/#pragma once//' >src/handle.cpp
  for n in 1 2 3 4 5; do sed "s/CallWithRetry/CallWithRetry$n/" src/backoff.cpp >"src/backoff$n.cpp"; done
  tus=(src/*.cpp)
  { echo '['; for f in "${tus[@]}"; do
      printf '{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++17", "-c", "%s"]},\n' "$repo" "$f" "$f"
    done | sed '$ s/,$//'; echo ']'; } >compile_commands.json
  expect_exit 1 "$tool" -p . --no-cache --format=sarif -o "$work/single.sarif"
  expect_in "$work/single.sarif" "3 × 3 × 3 = 27 calls"
  for i in 1 2 3; do
    "$tool" -p . --no-cache --shard="$i/3" --emit-facts "$work/facts/$i" >/dev/null 2>"$work/err"
    [ $? -le 1 ] || { cat "$work/err" >&2; fail "shard $i/3 failed"; }
  done
  # Each TU is in exactly one shard, and the shares are not all in one.
  [ "$(cat "$work"/facts/*/*.facts.json | grep -c '"mainFile"')" -eq "${#tus[@]}" ] || fail "the shards do not hold each TU once"
  nonempty=0
  for i in 1 2 3; do [ -n "$(ls "$work/facts/$i")" ] && nonempty=$((nonempty + 1)); done
  [ "$nonempty" -ge 2 ] || fail "${#tus[@]} TUs went to $nonempty of 3 shards"
  expect_exit 1 "$tool" link --format=sarif -o "$work/linked.sarif" "$work/facts/1" "$work/facts/2" "$work/facts/3"
  cmp "$work/single.sarif" "$work/linked.sarif" || fail "the linked shards differ from the single run"
  valid_sarif "$work/linked.sarif"
  # A share is the same in another checkout of the project, wherever it is.
  cp -r "$repo" "$work/elsewhere"
  sed -i "s|$repo|$work/elsewhere|g" "$work/elsewhere/compile_commands.json"
  names() { ls "$1" 2>/dev/null | sed 's/\.[0-9a-f]*\.facts\.json$//' | sort | tr '\n' ' '; }
  for i in 1 2 3; do
    (cd "$work/elsewhere" && "$tool" -p . --no-cache --shard="$i/3" --emit-facts "$work/elsewhere-facts/$i" >/dev/null 2>&1)
    [ "$(names "$work/facts/$i")" = "$(names "$work/elsewhere-facts/$i")" ] ||
      fail "shard $i/3 differs in another checkout: $(names "$work/facts/$i") vs $(names "$work/elsewhere-facts/$i")"
  done
  for spec in 0/2 3/2 2 x/y; do
    expect_exit 2 "$tool" -p . --no-cache --shard="$spec"
    expect_in "$work/err" "--shard=$spec"
  done ;;
*)
  fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
