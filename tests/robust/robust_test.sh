#!/usr/bin/env bash
# Real translation units and hostile inputs (issue 11): crash isolation, tolerant parsing,
# safe writes, validated inputs. One case per CTest test (robust/<case>).
# usage: robust_test.sh <case> <retrylint> <corpus dir> <inputs dir>
set -u
case_name=$1 tool=$2 corpus=$3 inputs=$4
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
flags=(-- -std=c++17 "-I$corpus/include")
incident1=$corpus/classic/01-backoff-no-jitter.cpp
# Every run is bounded: a tool that reads /dev/zero forever fails instead of hanging CTest.
limit=120

fail() { echo "FAIL: $*" >&2; exit 1; }
run() { # run <command...>: stdout to $work/out, stderr to $work/err, exit code in $rc
  timeout -k 5 "$limit" "$@" >"$work/out" 2>"$work/err"
  rc=$?
}
expect_exit() { # expect_exit <code> <command...>
  local want=$1; shift
  run "$@"
  [ "$rc" -eq "$want" ] || { head -c 4000 "$work/out" >&2; head -c 4000 "$work/err" >&2; fail "exit $rc, expected $want: $*"; }
}
expect_in() { grep -qF -- "$2" "$1" || { head -c 4000 "$1" >&2; fail "'$2' not in $1"; }; }
expect_not_in() { ! grep -qF -- "$2" "$1" || { head -c 4000 "$1" >&2; fail "'$2' unexpectedly in $1"; }; }
# A JSON document that parses and is valid UTF-8 (node alone would replace bad bytes).
expect_json() {
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$1 is not valid UTF-8"
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1" ||
    fail "$1 is not valid JSON"
}
# A retry loop with a constant 100 ms delay: one retry-no-backoff finding per file.
retry_source() {
  cat <<'EOF'
#include <chrono>
#include <thread>
int Call();
int Retry() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (Call() == 0) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return -1;
}
EOF
}

case $case_name in

# ---- crashes that lost the whole run ---------------------------------------------------------
atomic-flag-breaker)
  # The breaker model took an std::atomic_flag member for an atomic state and crashed.
  expect_exit 0 "$tool" "$inputs/atomic-flag/breaker.cpp" "${flags[@]}"
  expect_not_in "$work/err" "crashed" ;;
non-utf8-text)
  # A Latin-1 byte on a reported line: every JSON output stays valid UTF-8 JSON.
  sed 's|std::this_thread::sleep_for(sleep);|std::this_thread::sleep_for(sleep);  // caf\xe9 \xff|' \
    "$incident1" >"$work/latin1.cpp"
  for j in -j1 -j2; do
    expect_exit 1 "$tool" $j --format=json --emit-facts "$work/facts$j" --cache-dir "$work/cache" \
      "$work/latin1.cpp" "$incident1" "${flags[@]}"
    expect_json "$work/out"
    expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"'
    for f in "$work/facts$j"/* "$work/cache"/*; do expect_json "$f"; done
  done
  expect_exit 1 "$tool" --format=sarif "$work/latin1.cpp" "${flags[@]}"
  expect_json "$work/out"
  # The text report shows the line as it is, like clang.
  expect_exit 1 "$tool" "$work/latin1.cpp" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_exit 1 "$tool" link --format=json "$work/facts-j1"
  expect_json "$work/out" ;;
non-utf8-path)
  # A file name that is not UTF-8.
  dir="$work/caf"$'\xe9'
  mkdir -p "$dir" && cp "$incident1" "$dir/client.cpp"
  expect_exit 1 "$tool" --format=json --emit-facts "$work/facts" "$dir/client.cpp" "${flags[@]}"
  expect_json "$work/out"
  expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"'
  for f in "$work/facts"/*; do expect_json "$f"; done
  expect_exit 1 "$tool" --format=sarif "$dir/client.cpp" "${flags[@]}"
  expect_json "$work/out" ;;
relative-directory)
  # "directory" relative to the database's folder: it aborted with "Cannot chdir".
  mkdir -p "$work/project/build" "$work/project/src"
  cp "$incident1" "$work/project/src/client.cpp"
  printf '[{"directory": "../src", "file": "client.cpp", "arguments": ["clang++", "-std=c++17", "-c", "client.cpp"]}]\n' \
    >"$work/project/build/compile_commands.json"
  cd "$work" || exit 1
  expect_exit 1 "$tool" -p project/build --no-cache
  expect_in "$work/out" "client.cpp:22:5: warning: 5 attempts sleep 100, 200, 400, 800, 1600 ms"
  # The same database found above the source file.
  cp "$work/project/build/compile_commands.json" "$work/project/compile_commands.json"
  sed -i 's|"\.\./src"|"src"|' "$work/project/compile_commands.json"
  expect_exit 1 "$tool" project/src/client.cpp
  expect_in "$work/out" "[retry-backoff-no-jitter]" ;;
deep-sum)
  # A 50,000-term sum in a sleep overflowed the loop model's recursion.
  { echo '#include <chrono>'; echo '#include <thread>'; echo 'int Call();'
    echo 'int Retry() {'; echo '  for (int attempt = 0; attempt < 3; ++attempt) {'
    echo '    if (Call() == 0) return 0;'
    printf '    std::this_thread::sleep_for(std::chrono::milliseconds(1'
    awk 'BEGIN { for (i = 0; i < 50000; i++) printf " + 1" }'
    echo '));'; echo '  }'; echo '  return -1;'; echo '}'; } >"$work/deep-sum.cpp"
  run "$tool" "$work/deep-sum.cpp" -- -std=c++17
  [ "$rc" -le 3 ] || fail "exit $rc on a deep sum"
  expect_not_in "$work/err" "crashed" ;;
deep-if)
  # 5,000 nested ifs in a retry loop overflowed the loop model; with a bracket depth that
  # lets Clang parse that far, Clang's own Sema overflows an 8 MiB stack (clang++ too). The
  # run goes on: the other TU's findings are kept. At 2,000 (Clang parses it), no crash.
  nested_ifs() {
    echo 'int Call();'; echo 'int Retry() {'; echo '  for (int attempt = 0; attempt < 3; ++attempt) {'
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "if (Call() != %d) {\n", i; print "return 0;";
                           for (i = 0; i < n; i++) print "}" }'
    echo '  }'; echo '  return -1;'; echo '}'
  }
  nested_ifs 5000 >"$work/deep-if.cpp"
  nested_ifs 2000 >"$work/deep-if-2000.cpp"
  cp "$incident1" "$work/client.cpp"
  for j in -j1 -j2; do
    run "$tool" $j "$work/deep-if.cpp" "$work/client.cpp" -- -std=c++17 -fbracket-depth=100000 "-I$corpus/include"
    [ "$rc" -eq 1 ] || { cat "$work/err" >&2; fail "exit $rc, expected 1 ($j)"; }
    expect_in "$work/out" "client.cpp:22:5: warning: 5 attempts sleep"
  done
  run "$tool" "$work/deep-if-2000.cpp" -- -std=c++17 -fbracket-depth=100000
  [ "$rc" -le 3 ] || fail "exit $rc on 2,000 nested ifs"
  expect_not_in "$work/err" "crashed" ;;
deep-parens)
  # Clang's parser overflows on 5,000 nested parentheses (clang++ too, ~10 KiB of stack per
  # level): that killed every other TU's findings. Now it costs its own TU only.
  awk 'BEGIN { printf "int f() { return "; for (i = 0; i < 5000; i++) printf "(";
               printf "1"; for (i = 0; i < 5000; i++) printf ")"; print "; }" }' >"$work/deep-parens.cpp"
  cp "$incident1" "$work/client.cpp"
  for j in -j1 -j2; do
    run "$tool" $j "$work/deep-parens.cpp" "$work/client.cpp" -- -std=c++17 -fbracket-depth=100000 "-I$corpus/include"
    [ "$rc" -eq 1 ] || { cat "$work/err" >&2; fail "exit $rc, expected 1 ($j)"; }
    expect_in "$work/out" "client.cpp:22:5: warning: 5 attempts sleep"
  done ;;

# ---- crash isolation -------------------------------------------------------------------------
crash-isolated)
  # A crash in one TU (here inside Clang: #pragma clang __debug crash) costs that TU only,
  # at any -j, and is reported on stderr and in SARIF.
  cp "$incident1" "$work/a-client.cpp"
  { echo '#pragma clang __debug crash'; retry_source; } >"$work/b-crash.cpp"
  retry_source >"$work/c-other.cpp"
  for j in -j1 -j2 -j3; do
    expect_exit 1 "$tool" $j --format=sarif "$work/a-client.cpp" "$work/b-crash.cpp" "$work/c-other.cpp" "${flags[@]}"
    expect_json "$work/out"
    expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"'
    expect_in "$work/out" '"ruleId": "retry-no-backoff"'
    expect_in "$work/out" '"executionSuccessful": false'
    expect_in "$work/out" 'b-crash.cpp crashed'
    expect_in "$work/err" "b-crash.cpp crashed"
    node -e '
      const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const n = log.runs[0].invocations[0].toolExecutionNotifications;
      if (n.length !== 1 || n[0].level !== "error" || !/b-crash\.cpp crashed/.test(n[0].message.text))
        throw new Error("expected one error notification for b-crash.cpp: " + JSON.stringify(n));
      const files = new Set(log.runs[0].results.map(r => r.locations[0].physicalLocation.artifactLocation.uri));
      if (files.size !== 2) throw new Error("findings of both healthy TUs expected: " + [...files]);' \
      "$work/out" || fail "SARIF of a crashed TU ($j)"
    mv "$work/out" "$work/sarif$j"
  done
  cmp "$work/sarif-j1" "$work/sarif-j2" || fail "-j1 and -j2 differ with a crashing TU"
  cmp "$work/sarif-j1" "$work/sarif-j3" || fail "-j1 and -j3 differ with a crashing TU"
  # Text: the others' findings, and the crash on stderr.
  expect_exit 1 "$tool" "$work/a-client.cpp" "$work/b-crash.cpp" "$work/c-other.cpp" "${flags[@]}"
  expect_in "$work/out" "a-client.cpp:22:5: warning:"
  expect_in "$work/out" "c-other.cpp:5:3: warning:"
  expect_in "$work/err" "b-crash.cpp crashed" ;;
crash-only-tu)
  # Nothing else found: exit 3, and the crash is named.
  { echo '#pragma clang __debug crash'; retry_source; } >"$work/crash.cpp"
  expect_exit 3 "$tool" "$work/crash.cpp" -- -std=c++17
  expect_in "$work/err" "crash.cpp crashed"
  expect_exit 3 "$tool" --emit-facts "$work/facts" "$work/crash.cpp" -- -std=c++17
  # The facts of the crashed TU say so, and link reports it the same way.
  expect_exit 3 "$tool" link "$work/facts"
  expect_in "$work/err" "crash.cpp crashed" ;;
crash-stack-overflow)
  # A stack overflow inside Clang's parser (300,000 nested unary minuses): no handler can
  # run on the exhausted stack in-process, a worker process per TU contains it.
  { echo 'int Deep() { return '; awk 'BEGIN { for (i = 0; i < 300000; i++) printf "-"; print "1; }" }'; } >"$work/overflow.cpp"
  retry_source >"$work/other.cpp"
  expect_exit 1 "$tool" "$work/overflow.cpp" "$work/other.cpp" -- -std=c++17
  expect_in "$work/out" "other.cpp:5:3: warning:"
  expect_in "$work/err" "overflow.cpp crashed" ;;
tu-timeout)
  # A TU that never finishes (#pragma clang __debug overflow_stack loops for ever in a
  # release build of Clang) is stopped after --tu-timeout and costs that TU only.
  { echo '#pragma clang __debug overflow_stack'; retry_source; } >"$work/hang.cpp"
  retry_source >"$work/other.cpp"
  expect_exit 1 "$tool" --tu-timeout=5 "$work/hang.cpp" "$work/other.cpp" -- -std=c++17
  expect_in "$work/out" "other.cpp:5:3: warning:"
  expect_in "$work/err" "hang.cpp timed out after 5 s" ;;
crash-fatal-error)
  # report_fatal_error inside Clang exits the process it runs in: one TU again.
  { echo '#pragma clang __debug llvm_fatal_error'; retry_source; } >"$work/fatal.cpp"
  retry_source >"$work/other.cpp"
  expect_exit 1 "$tool" -j1 "$work/fatal.cpp" "$work/other.cpp" -- -std=c++17
  expect_in "$work/out" "other.cpp:5:3: warning:"
  expect_in "$work/err" "fatal.cpp crashed" ;;

crash-prints)
  # A crash of retrylint itself (here the parent, while its worker is busy) prints a stack
  # dump and what to report; it used to print nothing. A signal sent from outside does not
  # fault again when the handler returns, so the parent is then killed outright: its worker,
  # busy for ever on hang.cpp, must not outlive it.
  { echo '#pragma clang __debug overflow_stack'; retry_source; } >"$work/hang.cpp"
  "$tool" --tu-timeout=60 "$work/hang.cpp" -- -std=c++17 >"$work/out" 2>"$work/err" &
  pid=$!
  sleep 3
  kill -SEGV "$pid"
  sleep 1
  kill -KILL "$pid" 2>/dev/null
  wait "$pid"
  expect_in "$work/err" "retrylint crashed"
  expect_in "$work/err" "Stack dump"
  sleep 1
  left=$(pgrep -f "$work/hang.cpp")
  [ -z "$left" ] || { kill -KILL $left; fail "a worker outlived its parent"; } ;;

# ---- tolerant parsing ------------------------------------------------------------------------
missing-include)
  # The first include is missing: later includes (the project's own header) are still read,
  # templates are still instantiated (the doubling chrono duration), and the note lists the
  # missing headers.
  expect_exit 1 "$tool" "$inputs/missing-include/client.cpp" -- -std=c++17 "-I$inputs/missing-include/include"
  expect_in "$work/out" "client.cpp:15:5: warning: 5 attempts sleep 100, 200, 400, 800, 1600 ms with no jitter"
  expect_in "$work/err" "missing headers: generated/build_config.h, also/missing.h"
  expect_exit 1 "$tool" --format=sarif "$inputs/missing-include/client.cpp" -- -std=c++17 "-I$inputs/missing-include/include"
  expect_in "$work/out" "missing headers: generated/build_config.h, also/missing.h" ;;
export-macro)
  # class CLIENT_API Client: the export macro's header is missing, the class is not lost.
  expect_exit 1 "$tool" "$inputs/export-macro/client.cpp" -- -std=c++17
  expect_in "$work/out" "client.cpp:7:5: warning: 5 attempts sleep 100, 200, 400, 800, 1600 ms with no jitter"
  expect_in "$work/out" "client.cpp:14:3: warning: 3 attempts with no delay"
  expect_in "$work/err" "missing headers: client_export.h" ;;
errors-unknown)
  # A fact built on an expression with errors is unknown: no claim about it.
  run "$tool" "$inputs/errors/unknown.cpp" -- -std=c++17
  [ "$rc" -le 3 ] || fail "exit $rc"
  # delay *= kBackoffFactor: no claim about how the delay grows (it said "exponentially").
  expect_not_in "$work/out" "unknown.cpp:13:5: warning"
  expect_not_in "$work/out" "unknown.cpp:14:5: warning"
  # attempt < kMaxAttempts: no claim that nothing bounds the loop (it said retry-unbounded).
  expect_not_in "$work/out" "[retry-unbounded]"
  # delay = NextDelay(delay): no claim that the delay is constant or absent.
  expect_not_in "$work/out" "unknown.cpp:33:5: warning"
  expect_not_in "$work/out" "[retry-no-backoff]" ;;

# ---- safe writes -----------------------------------------------------------------------------
atomic-report)
  # -o replaces the report with a new file: a second name for the old one keeps it whole
  # (truncating in place destroyed it), and nothing is left beside it.
  mkdir "$work/out-dir"
  echo "old report" >"$work/out-dir/report.sarif"
  ln "$work/out-dir/report.sarif" "$work/old-link"
  expect_exit 1 "$tool" --format=sarif -o "$work/out-dir/report.sarif" "$incident1" "${flags[@]}"
  [ "$(cat "$work/old-link")" = "old report" ] || fail "-o wrote into the old file in place"
  expect_json "$work/out-dir/report.sarif"
  [ "$(ls -A "$work/out-dir")" = "report.sarif" ] || fail "left over: $(ls -A "$work/out-dir")"
  # A report that cannot be written leaves the old one as it was.
  chmod a-w "$work/out-dir"
  if [ ! -w "$work/out-dir" ]; then  # root can write anyway
    cp "$work/out-dir/report.sarif" "$work/before"
    expect_exit 2 "$tool" --format=sarif -o "$work/out-dir/report.sarif" "$incident1" "${flags[@]}"
    cmp "$work/before" "$work/out-dir/report.sarif" || fail "a failed write changed the report"
  fi
  chmod u+w "$work/out-dir"
  # The views and the policy export write the same way.
  for view in --fanout --explain-budgets --export-policy=CallWithRetry; do
    echo "old" >"$work/out-dir/view.txt"; rm -f "$work/old-link"; ln "$work/out-dir/view.txt" "$work/old-link"
    expect_exit 0 "$tool" $view -o "$work/out-dir/view.txt" "$incident1" "${flags[@]}"
    [ "$(cat "$work/old-link")" = "old" ] || fail "$view -o wrote in place"
  done ;;
atomic-facts)
  # --emit-facts replaces each facts file whole; a crashed TU leaves no empty file.
  retry_source >"$work/ok.cpp"
  { echo '#pragma clang __debug crash'; retry_source; } >"$work/crash.cpp"
  expect_exit 1 "$tool" --emit-facts "$work/facts" "$work/ok.cpp" "$work/crash.cpp" -- -std=c++17
  for f in "$work/facts"/*; do
    [ -s "$f" ] || fail "empty facts file $f"
    expect_json "$f"
  done
  f=$(ls "$work/facts"/ok.cpp.*.facts.json) || fail "no facts for ok.cpp"
  ln "$f" "$work/old-link"
  expect_exit 1 "$tool" --emit-facts "$work/facts" "$work/ok.cpp" -- -std=c++17
  [ "$(stat -c %i "$f")" != "$(stat -c %i "$work/old-link")" ] || fail "--emit-facts wrote in place"
  [ -z "$(ls -A "$work/facts" | grep -v '\.facts\.json$')" ] || fail "left over: $(ls -A "$work/facts")" ;;
cache-concurrent)
  # Three runs sharing a cache, storing the same entries at once: every temporary name is
  # unique (it was one name per entry for every process), nothing is left beside the entries,
  # no store fails, and every report is whole.
  for i in $(seq 1 30); do retry_source | sed "s/Retry()/Retry$i()/" >"$work/tu$i.cpp"; done
  for r in 1 2 3; do
    ( timeout "$limit" "$tool" -j2 --cache-dir "$work/cache" --format=json "$work"/tu*.cpp -- -std=c++17 \
        >"$work/r$r" 2>"$work/e$r" ) &
  done
  wait
  for r in 1 2 3; do
    [ "$(grep -c '"ruleId": "retry-no-backoff"' "$work/r$r")" -eq 30 ] || fail "run $r: $(cat "$work/e$r")"
    expect_not_in "$work/e$r" "cache entry"
  done
  [ "$(ls "$work/cache" | wc -l)" -eq 30 ] || fail "cache holds: $(ls -A "$work/cache")"
  [ -z "$(ls -A "$work/cache" | grep -v '\.json$')" ] || fail "orphans: $(ls -A "$work/cache")"
  expect_exit 1 "$tool" --cache-dir "$work/cache" "$work"/tu*.cpp -- -std=c++17
  expect_not_in "$work/err" "ignoring unreadable cache entry" ;;

# ---- hostile inputs --------------------------------------------------------------------------
sanitized-commands)
  # A compile database from the analysed repository must not make the tool write files.
  mkdir -p "$work/repo"
  cp "$incident1" "$work/repo/client.cpp"
  cat >"$work/repo/compile_commands.json" <<EOF
[{"directory": "$work/repo", "file": "client.cpp", "arguments": ["clang++", "-std=c++17", "-I$corpus/include",
  "--serialize-diagnostics", "$work/evil-diag", "--serialize-diagnostics=$work/evil-diag2",
  "-Xclang", "-dependency-file", "-Xclang", "$work/evil-dep", "-MD", "-MF", "$work/evil-mf", "-MF$work/evil-mf2",
  "-Wp,-MD,$work/evil-wp", "-o", "$work/evil-o", "-o$work/evil-o2", "-save-temps=obj",
  "-Xclang", "-dump-tokens", "-Xclang", "-load", "-Xclang", "$work/plugin.so", "-fplugin=$work/plugin.so",
  "-fpass-plugin=$work/plugin.so", "-Xclang", "-plugin", "-Xclang", "evil", "-Xclang", "-add-plugin", "-Xclang", "evil",
  "-Xclang", "-header-include-file", "-Xclang", "$work/evil-hif", "-ftime-trace=$work/evil-trace",
  "-fcrash-diagnostics-dir=$work/evil-crash", "-c", "client.cpp"]}]
EOF
  expect_exit 1 "$tool" -p "$work/repo" --no-cache
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  left=$(cd "$work" && ls -d evil* 2>/dev/null)
  [ -z "$left" ] || fail "the compile command wrote: $left"
  expect_not_in "$work/err" "plugin" ;;
hostile-facts)
  # Crafted facts: each is refused with the file and the field named; nothing reads out of
  # bounds, loops for ever or prints a wrapped number.
  expect_exit 1 "$tool" --emit-facts "$work/good" "$incident1" "$corpus/retry-nested-fanout/"*.cpp "${flags[@]}"
  base=$(ls "$work/good"/01-backoff-no-jitter.cpp.*.facts.json)
  mutate() { # mutate <name> <js statement on d>
    mkdir -p "$work/bad-$1"
    node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
             '"$2"'; fs.writeFileSync(process.argv[2], JSON.stringify(d));' "$base" "$work/bad-$1/x.facts.json" ||
      fail "cannot build $1"
  }
  mutate column-negative 'd.retryLoops[0].sleeps[0].span.column = -1'
  mutate column-huge 'd.retryLoops[0].sleeps[0].span.column = 4294967295'
  mutate end-column-huge 'd.retryLoops[0].sleeps[0].span.endColumn = 4294967295'
  mutate line-float 'd.retryLoops[0].loop.line = 1e300'
  mutate attempts-min 'd.retryLoops[0].attempts.count = -9223372036854775808'
  mutate schedule-inf 'd.retryLoops[0].sleeps[0].scheduleMs[0] = 1e309'
  mutate multiplier-float 'd.retryLoops[0].delay.multiplier = "x"'
  mutate loop-index 'd.functions.forEach(f => f.calls.forEach(c => c.retryLoop = 7))'
  mutate arg-arrays 'd.functions.forEach(f => f.calls.forEach(c => { c.argTexts = ["3", "x"]; c.argKnown = [true, true]; c.argValues = []; }))'
  mutate callable-param 'd.retryLoops[0].callableParam = 100000000'
  mutate usr-empty 'd.functions[0].usr = ""'
  for dir in "$work"/bad-*; do
    name=${dir##*/bad-}
    run "$tool" link --format=json "$work/good" "$dir"
    [ "$rc" -eq 1 ] || { cat "$work/err" >&2; fail "$name: exit $rc, expected 1 (the good facts' findings)"; }
    expect_json "$work/out"
    expect_in "$work/err" "x.facts.json"
    expect_in "$work/err" "is unusable"
    expect_not_in "$work/out" "-9223372036854775808"
    [ "$(stat -c %s "$work/out")" -lt 10000000 ] || fail "$name: report of $(stat -c %s "$work/out") bytes"
  done
  # The messages name the field.
  run "$tool" link "$work/bad-column-negative"; expect_in "$work/err" "retryLoops[0].sleeps[0].span.column"
  run "$tool" link "$work/bad-arg-arrays"; expect_in "$work/err" "argValues"
  run "$tool" link "$work/bad-loop-index"; expect_in "$work/err" "retryLoop" ;;
dev-zero-inputs)
  # Device files as inputs are refused at once, never read for ever.
  ln -s /dev/zero "$work/zero.cpp"
  expect_exit 2 "$tool" "$work/zero.cpp" -- -std=c++17
  expect_in "$work/err" "not a regular file"
  expect_exit 2 "$tool" /dev/zero -- -std=c++17
  expect_in "$work/err" "not a regular file"
  mkdir -p "$work/db" && ln -s /dev/zero "$work/db/compile_commands.json"
  expect_exit 2 "$tool" -p "$work/db"
  expect_in "$work/err" "not a regular file"
  mkdir -p "$work/facts" && ln -s /dev/zero "$work/facts/zero.facts.json"
  run "$tool" link "$work/facts"
  [ "$rc" -eq 3 ] || fail "link of /dev/zero: exit $rc"
  expect_in "$work/err" "not a regular file"
  expect_exit 2 "$tool" simulate --policy /dev/zero
  expect_in "$work/err" "not a regular file"
  # A cache entry whose recorded input is /dev/zero is a miss, not a hang.
  cp "$incident1" "$work/client.cpp"
  expect_exit 1 "$tool" --cache-dir "$work/cache" "$work/client.cpp" "${flags[@]}"
  entry=$(ls "$work/cache"/*.json)
  node -e 'const fs = require("fs"); const e = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
           e.inputs[0].path = "/dev/zero"; e.inputs[0].size = 1; fs.writeFileSync(process.argv[1], JSON.stringify(e));' "$entry"
  expect_exit 1 "$tool" --cache-dir "$work/cache" "$work/client.cpp" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  # An #include of a device is refused like a missing file.
  { echo '#include "/dev/zero"'; retry_source; } >"$work/inc.cpp"
  expect_exit 1 "$tool" "$work/inc.cpp" -- -std=c++17
  expect_in "$work/out" "[retry-no-backoff]" ;;
oversized-inputs)
  # Inputs far larger than any real one are refused without being read (sparse files).
  truncate -s 3G "$work/huge.cpp"
  expect_exit 2 "$tool" "$work/huge.cpp" -- -std=c++17
  expect_in "$work/err" "too large"
  mkdir -p "$work/facts" && truncate -s 3G "$work/facts/huge.facts.json"
  run "$tool" link "$work/facts"
  [ "$rc" -eq 3 ] || fail "link of a huge facts file: exit $rc"
  expect_in "$work/err" "too large"
  mkdir -p "$work/db" && truncate -s 3G "$work/db/compile_commands.json"
  expect_exit 2 "$tool" -p "$work/db"
  expect_in "$work/err" "too large"
  truncate -s 3G "$work/policy.json"
  expect_exit 2 "$tool" simulate --policy "$work/policy.json"
  expect_in "$work/err" "too large" ;;
long-line)
  # A 4 MB line: spans keep a bounded excerpt of it, and the caret still points right.
  { echo '#include <chrono>'; echo '#include <thread>'; echo 'int Call();'
    printf 'int Retry() { int pad[] = {0'
    awk 'BEGIN { for (i = 0; i < 800000; i++) printf ",0" }'
    printf '}; for (int attempt = 0; attempt < 3; ++attempt) { if (Call() == 0) return 0; std::this_thread::sleep_for(std::chrono::milliseconds(100)); } return pad[0]; }\n'
  } >"$work/long.cpp"
  expect_exit 1 "$tool" --format=json --emit-facts "$work/facts" "$work/long.cpp" -- -std=c++17
  expect_json "$work/out"
  [ "$(stat -c %s "$work/out")" -lt 200000 ] || fail "JSON report of $(stat -c %s "$work/out") bytes"
  for f in "$work/facts"/*; do [ "$(stat -c %s "$f")" -lt 200000 ] || fail "facts of $(stat -c %s "$f") bytes"; done
  expect_exit 1 "$tool" "$work/long.cpp" -- -std=c++17
  [ "$(stat -c %s "$work/out")" -lt 200000 ] || fail "text report of $(stat -c %s "$work/out") bytes"
  # The caret sits under the loop keyword of the excerpt.
  col=$(grep -o 'long.cpp:4:[0-9]*: warning' "$work/out" | head -1 | cut -d: -f3)
  [ -n "$col" ] || fail "no finding on line 4"
  src=$(grep -A1 "long.cpp:4:$col: warning" "$work/out" | tail -1 | sed 's/^ *4 | //')
  caret=$(grep -A2 "long.cpp:4:$col: warning" "$work/out" | tail -1 | sed 's/^ *| //')
  pos=$(( $(printf '%s' "${caret%%^*}" | wc -c) ))
  [ "${src:$pos:3}" = "for" ] || fail "caret under '${src:$pos:3}', not the loop" ;;

# ---- smaller ---------------------------------------------------------------------------------
views-output)
  # --fanout and --explain-budgets honour -o and --format.
  nested=("$corpus/classic/03-nested-retries.cpp")
  expect_exit 0 "$tool" --fanout -o "$work/fanout.txt" "${nested[@]}" "${flags[@]}"
  [ ! -s "$work/out" ] || fail "--fanout -o still printed to stdout"
  expect_in "$work/fanout.txt" "calls to"
  expect_exit 0 "$tool" --fanout --format=json "${nested[@]}" "${flags[@]}"
  expect_json "$work/out"
  expect_in "$work/out" '"layers"'
  expect_exit 0 "$tool" --explain-budgets -o "$work/budgets.txt" "$corpus/classic/02-retry-budget.cpp" "${flags[@]}"
  [ ! -s "$work/out" ] || fail "--explain-budgets -o still printed to stdout"
  expect_in "$work/budgets.txt" "retry budget"
  expect_exit 0 "$tool" --explain-budgets --format=json "$corpus/classic/02-retry-budget.cpp" "${flags[@]}"
  expect_json "$work/out"
  expect_in "$work/out" '"ceiling"'
  expect_exit 2 "$tool" --fanout --format=sarif "${nested[@]}" "${flags[@]}"
  expect_in "$work/err" "--format=sarif" ;;
checks-none)
  # --checks='-*' enables nothing: a usage error, not a silent success.
  expect_exit 2 "$tool" '--checks=-*' "$incident1" "${flags[@]}"
  expect_in "$work/err" "no checks enabled" ;;
simulate-policy-ranges)
  # Integers past the range are refused, not wrapped; huge floats are refused, not cast.
  for bad in '{"attempts": 4294967297}' '{"attempts": 1e10}' '{"attempts": -4294967295}' \
             '{"base": 1e300}' '{"cap": "1e300s"}' '{"layers": [4294967299, 3]}' \
             '{"budget": {"ratio": 1e308, "max_tokens": 1e308}}' '{"multiplier": 1e300}'; do
    echo "$bad" >"$work/policy.json"
    expect_exit 2 "$tool" simulate --policy "$work/policy.json" --clients 100 --outage 1s
    expect_in "$work/err" "policy"
  done
  expect_exit 2 "$tool" simulate --attempts 4294967297 --clients 100 --outage 1s
  expect_exit 2 "$tool" simulate --base 1e300s --clients 100 --outage 1s ;;
*)
  fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
