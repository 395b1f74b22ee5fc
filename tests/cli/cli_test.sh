#!/usr/bin/env bash
# End-to-end checks of the retrylint command line: one case per CTest test.
# usage: cli_test.sh <case> <retrylint> <corpus dir>
set -u
case_name=$1 tool=$2 corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-- -std=c++17 "-I$corpus/include")
classic=("$corpus"/classic/*.cpp)
incident1=$corpus/classic/01-backoff-no-jitter.cpp

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expect_exit <code> <command...>
  local want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "exit $got, expected $want: $*"; }
}
expect_in() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not in $1"; }; }

case $case_name in
classic-text)
  expect_exit 1 "$tool" "${classic[@]}" "${flags[@]}"
  expect_in "$work/out" "01-backoff-no-jitter.cpp:22:5: warning: 5 attempts sleep 100, 200, 400, 800, 1600 ms with no jitter"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/out" "note: use full jitter" ;;
usage-unknown-check)
  expect_exit 2 "$tool" --checks=retry-no-such-rule "${classic[0]}" "${flags[@]}"
  expect_in "$work/err" "unknown check 'retry-no-such-rule'" ;;
usage-missing-file)
  expect_exit 2 "$tool" "$work/absent.cpp" "${flags[@]}"
  expect_in "$work/err" "no such file" ;;
usage-unknown-option)
  expect_exit 2 "$tool" --no-such-option "${classic[0]}" "${flags[@]}"
  expect_in "$work/err" "no-such-option" ;;
usage-bad-database)
  echo '[{"directory": "/tmp", "file": ' >"$work/compile_commands.json"
  expect_exit 2 "$tool" -p "$work"
  expect_in "$work/err" "compilation database" ;;
compile-error-partial)
  # A TU that does not compile still reports what its recovered AST supports.
  sed 's/return err;/return undeclared_name;/' "$corpus/classic/01-backoff-no-jitter.cpp" >"$work/broken.cpp"
  expect_exit 1 "$tool" "$work/broken.cpp" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/err" "incomplete"
  # Without findings the exit code says "incomplete".
  printf 'int f() { return missing; }\n' >"$work/only-error.cpp"
  expect_exit 3 "$tool" "$work/only-error.cpp" "${flags[@]}"
  expect_in "$work/err" "incomplete"
  expect_exit 3 "$tool" --format=sarif "$work/only-error.cpp" "${flags[@]}"
  expect_in "$work/out" '"executionSuccessful": false' ;;
facts-round-trip)
  expect_exit 1 "$tool" --format=sarif --emit-facts "$work/facts" "${classic[@]}" "${flags[@]}"
  mv "$work/out" "$work/direct.sarif"
  [ "$(ls "$work/facts" | wc -l)" -eq "${#classic[@]}" ] || fail "expected one facts file per TU"
  expect_exit 1 "$tool" link --format=sarif "$work/facts"
  cmp "$work/direct.sarif" "$work/out" || fail "link output differs from the direct run" ;;
jobs-deterministic)
  expect_exit 1 "$tool" -j1 --format=sarif "${classic[@]}" "$corpus"/retry-backoff-no-jitter/*.cpp "${flags[@]}"
  mv "$work/out" "$work/j1"
  expect_exit 1 "$tool" -j2 --format=sarif "${classic[@]}" "$corpus"/retry-backoff-no-jitter/*.cpp "${flags[@]}"
  cmp "$work/j1" "$work/out" || fail "-j1 and -j2 differ" ;;
link-corrupt-facts)
  expect_exit 1 "$tool" --emit-facts "$work/facts" "${classic[@]}" "${flags[@]}"
  echo '{"formatVersion": 1, "mainFile": ' >"$work/facts/zz-corrupt.facts.json"
  expect_exit 1 "$tool" link "$work/facts"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/err" "zz-corrupt.facts.json is incomplete" ;;
compile-database-all-tus)
  # -p with no files analyses every TU of compile_commands.json.
  cp "$corpus/classic/01-backoff-no-jitter.cpp" "$corpus/classic/01-backoff-no-jitter-fixed.cpp" "$work/"
  printf '[{"directory": "%s", "file": "01-backoff-no-jitter.cpp", "arguments": ["clang++", "-std=c++17", "-c", "01-backoff-no-jitter.cpp"]},\n {"directory": "%s", "file": "01-backoff-no-jitter-fixed.cpp", "arguments": ["clang++", "-std=c++17", "-c", "01-backoff-no-jitter-fixed.cpp"]}]\n' "$work" "$work" >"$work/compile_commands.json"
  expect_exit 1 "$tool" -p "$work" --format=json
  [ "$(grep -c '"mainFile"' "$work/out")" -eq 2 ] || fail "expected two TUs"
  expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"' ;;
checks-glob-disables)
  expect_exit 0 "$tool" '--checks=-*' "$incident1" "${flags[@]}"
  [ ! -s "$work/out" ] || fail "disabled checks still reported"
  expect_exit 0 "$tool" --fail-on=none "$incident1" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]" ;;
*)
  fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
