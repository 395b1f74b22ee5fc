#!/bin/sh
# Installs the npm packages the language-server tests use, each from its package-lock.json
# with `npm ci`: vscode-jsonrpc here (the scripted client), and vscode-languageclient,
# typescript and the vscode types in editors/vscode (the extension, type-checked by a test).
#
# Idempotent: a no-op (well under a second) when each node_modules was installed from its
# current lock. Works as root in CI with no stdin. Needs node (>= 18) and npm (>= 9).
#
#   tests/lsp/install.sh [--force]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

die() { echo "tests/lsp/install.sh: $*" >&2; exit 2; }
command -v node >/dev/null 2>&1 || die "node not found (Debian 12: apt-get install -y nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm not found (Debian 12: apt-get install -y npm)"

install() { # install <dir> <a file that must exist after>
  cd "$1"
  [ -f package-lock.json ] || die "package-lock.json missing in $1"
  stamp=node_modules/.retrylint-install-stamp
  want=$(node -e '
    const c = require("crypto"), fs = require("fs");
    const h = c.createHash("sha256");
    h.update(fs.readFileSync("package.json")); h.update(fs.readFileSync("package-lock.json"));
    process.stdout.write(h.digest("hex"));')
  if [ "$force" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$2" ]; then
    return 0
  fi
  rm -f "$stamp"
  # --no-audit/--no-fund: no extra registry calls; </dev/null: never wait for input.
  npm ci --no-audit --no-fund --loglevel=error </dev/null || die "npm ci failed in $1"
  [ -f "$2" ] || die "$2 missing after npm ci in $1"
  printf '%s' "$want" > "$stamp"
  echo "tests/lsp: installed the packages of $1"
}

force=${1:-}
install "$here" node_modules/vscode-jsonrpc/package.json
install "$root/editors/vscode" node_modules/typescript/bin/tsc
