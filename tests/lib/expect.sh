# shellcheck shell=bash
# Assertions shared by the end-to-end shell tests (tests/cli, tests/ci). Sourced after the test
# sets $work (its scratch folder): commands' output goes to $work/out and $work/err.
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expect_exit <code> <command...>
  local want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "exit $got, expected $want: $*"; }
}
expect_in() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not in $1"; }; }
expect_not_in() { if grep -qF -- "$2" "$1"; then cat "$1" >&2; fail "'$2' unexpectedly in $1"; fi; }
