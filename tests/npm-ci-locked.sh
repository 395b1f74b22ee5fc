#!/bin/sh
# `npm ci` in <dir> from its package-lock.json, for the test tooling (tests/sarif, tests/lsp,
# editors/vscode). Skipped when node_modules was installed from the current lock on this
# platform and every <file> is there, so a repeat run costs well under a second. Works as
# root in CI with no stdin. Needs node (>= 18) and npm (>= 9): Debian 12's nodejs and npm.
#
#   tests/npm-ci-locked.sh [--force] <dir> <file under dir that the install provides>...
set -eu

force=
[ "${1:-}" = "--force" ] && { force=1; shift; }
[ $# -ge 1 ] || { echo "usage: tests/npm-ci-locked.sh [--force] <dir> [files...]" >&2; exit 2; }
dir=$1
shift
die() { echo "tests/npm-ci-locked.sh: $*" >&2; exit 2; }
command -v node >/dev/null 2>&1 || die "node not found (Debian 12: apt-get install -y nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm not found (Debian 12: apt-get install -y npm)"
cd "$dir" || die "no directory $dir"
[ -f package-lock.json ] || die "package-lock.json missing in $dir"

# The stamp holds the hash of what was installed: the manifest, its lock and the platform
# (some packages ship a binary per platform).
stamp=node_modules/.retrylint-install-stamp
want=$(node -e '
  const c = require("crypto"), fs = require("fs");
  const h = c.createHash("sha256");
  h.update(fs.readFileSync("package.json")); h.update(fs.readFileSync("package-lock.json"));
  h.update(process.platform + "-" + process.arch);
  process.stdout.write(h.digest("hex"));')
current() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] || return 1
  for f in "$@"; do [ -f "$f" ] || return 1; done
}
[ -z "$force" ] && current "$@" && exit 0

rm -f "$stamp"
# --no-audit/--no-fund: no extra registry calls; </dev/null: never wait for input.
npm ci --no-audit --no-fund --loglevel=error </dev/null || die "npm ci failed in $dir"
for f in "$@"; do [ -f "$f" ] || die "$f missing after npm ci in $dir"; done
printf '%s' "$want" > "$stamp"
echo "installed the npm packages of $dir"
