# Shared by the tests that split a case across TUs (fanout_split_test.sh, policy_split_test.sh).
# Needs $work (a scratch directory) set by the caller.
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expect_exit <code> <output file> <command...>
  local want=$1 out=$2; shift 2
  "$@" >"$out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$out" "$work/err" >&2; fail "exit $got, expected $want: $*"; }
}
