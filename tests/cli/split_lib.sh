# Shared by the tests that split a case across TUs (fanout_split_test.sh, policy_split_test.sh,
# reschedule_split_test.sh).
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expect_exit <code> <output file> <command...>
  local want=$1 out=$2; shift 2
  "$@" >"$out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$out" "$work/err" >&2; fail "exit $got, expected $want: $*"; }
}

# check_only <json report> <file> <line> <rule> <text the title must hold>: the
# report has that one finding.
check_only() {
  node -e '
    const [report, file, line, rule, text] = process.argv.slice(1);
    const findings = JSON.parse(require("fs").readFileSync(report, "utf8")).findings;
    const problems = [];
    if (findings.length !== 1)
      problems.push(findings.length + " findings, expected 1: " + findings.map(f => f.ruleId + " at " + f.file + ":" + f.line).join(", "));
    const f = findings[0];
    if (f && (f.ruleId !== rule || !f.file.endsWith("/" + file) || f.line !== Number(line)))
      problems.push(f.ruleId + " at " + f.file + ":" + f.line + ", expected " + rule + " at " + file + ":" + line);
    if (f && !f.title.includes(text))
      problems.push("title \"" + f.title + "\" does not say \"" + text + "\"");
    if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
    console.log("ok: " + f.title);
  ' "$@" || fail "$1"
}

# split_setup <retrylint> <corpus dir> <case folder>: sets tool, corpus, split (the case's
# folder), flags, and work (a scratch directory removed at exit).
split_setup() {
  tool=$1
  corpus=$(cd "$2" && pwd) || fail "no corpus dir $2"
  split=$corpus/$3
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  flags=(-std=c++17 "-I$corpus/include")
}
