#!/bin/sh
# Install the SARIF validation tooling (ajv, ajv-formats, SARIF multitool) into
# tests/sarif/node_modules from package-lock.json, with `npm ci`.
#
# Idempotent: a no-op (well under a second) when node_modules was installed from the current
# lock. Works as root in CI with no stdin. Needs `node` (>= 18) and `npm` (>= 9) on PATH:
# Debian 12: apt-get install -y nodejs npm
#
#   tests/sarif/install.sh [--force]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

die() { echo "tests/sarif/install.sh: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || die "node not found (Debian 12: apt-get install -y nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm not found (Debian 12: apt-get install -y npm)"
[ -f package-lock.json ] || die "package-lock.json missing in $here"

stamp=node_modules/.retrylint-install-stamp
bin=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
want=$(node -e '
  const c = require("crypto"), fs = require("fs");
  const h = c.createHash("sha256");
  h.update(fs.readFileSync("package.json")); h.update(fs.readFileSync("package-lock.json"));
  h.update(process.platform + "-" + process.arch);
  process.stdout.write(h.digest("hex"));')

if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f "$bin" ] && [ -f node_modules/ajv/package.json ] && [ -f node_modules/ajv-formats/package.json ]; then
  [ -x "$bin" ] || chmod u+x,go+rx "$bin"
  exit 0
fi

rm -f "$stamp"
# --no-audit/--no-fund: no extra registry calls; </dev/null: never wait for input.
npm ci --no-audit --no-fund --loglevel=error </dev/null || die "npm ci failed"
# The multitool package marks its binary executable in a postinstall script, which npm skips
# with --ignore-scripts (or may block); set the mode here as well.
[ -f "$bin" ] || die "$bin missing after npm ci (is this linux-x64?)"
chmod u+x,go+rx "$bin"
printf '%s' "$want" > "$stamp"
echo "tests/sarif: installed $(node -p 'require("./node_modules/@microsoft/sarif-multitool-linux/package.json").version') multitool, ajv $(node -p 'require("./node_modules/ajv/package.json").version')"
