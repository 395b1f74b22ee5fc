#!/usr/bin/env bash
# Headless Neovim, set up by editors/neovim/retrylint.lua (the settings docs/ide.md gives),
# opens classic incident 3 with its built-in LSP client on `retrylint lsp`
# (nvim_session.lua) and reads the diagnostics back: each must match the corpus file's
# `// expect:` annotations, line for line, with the rule's page; the fan-out diagnostic walks
# its three layers; the hover at the outermost Retry( has the 3 × 3 × 3 = 27 arithmetic.
# usage: nvim_test.sh <retrylint> <test-corpus dir>
set -u
tool=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v nvim >/dev/null || fail "nvim not found (Debian 12: apt-get install neovim; scripts/setup.sh installs it)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=$corpus/classic/03-nested-retries.cpp
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++17", "-I%s/include", "-c", "%s"]}]\n' \
  "$corpus" "$file" "$corpus" "$file" >"$work/compile_commands.json"
nest_line=$(grep -n 'expect: retry-nested-fanout' "$file" | cut -d: -f1)

# Neovim keeps its log and state under XDG dirs: keep them in the scratch dir.
XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data \
RETRYLINT_CONFIG=$here/../../editors/neovim/retrylint.lua RETRYLINT=$tool RETRYLINT_DB=$work RETRYLINT_FILE=$file RETRYLINT_OUT=$work/out.txt \
RETRYLINT_WAIT_FOR=retry-nested-fanout RETRYLINT_HOVER_LINE=$nest_line RETRYLINT_HOVER_TEXT='Retry(' \
  timeout 240 nvim --headless --clean -n -i NONE -c "luafile $here/nvim_session.lua" >"$work/nvim.log" 2>&1
[ -f "$work/out.txt" ] || { cat "$work/nvim.log" >&2; fail "nvim wrote no results"; }
cat "$work/out.txt"
[ "$(tail -1 "$work/out.txt")" = done ] || fail "the session did not finish"

# What the corpus expects, as "<line> <rule>", against what Neovim shows.
expected=$(grep -n 'expect:' "$file" | sed 's/^\([0-9]*\):.*expect: */\1 /' |
  awk '{ line = $1; $1 = ""; n = split($0, rules, ","); for (i = 1; i <= n; i++) { split(rules[i], w, " "); print line, w[1] } }' | sort)
got=$(grep '^diagnostic ' "$work/out.txt" | awk '{ print $2, $3 }' | sort)
[ "$expected" = "$got" ] || fail "diagnostics differ from the corpus expectations:
expected:
$expected
got:
$got"
grep -q "^diagnostic $nest_line retry-nested-fanout https://.*/docs/checks/retry-nested-fanout\.md 3 | 3 × 3 × 3 = 27 calls reach \`storefront::ConnectionPool::Read\` per failed request at \`storefront::Gateway::Handle\`" "$work/out.txt" ||
  fail "the fan-out diagnostic lacks its page, its three layers or its arithmetic"
grep -q '^hover .*3 × 3 × 3 = 27 calls reach `storefront::ConnectionPool::Read`.*this site is layer 1 of 3' "$work/out.txt" ||
  fail "the hover lacks the fan-out arithmetic"
echo "ok: neovim session"
