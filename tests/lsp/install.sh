#!/bin/sh
# Installs the npm packages the language-server tests use, each from its package-lock.json
# (tests/npm-ci-locked.sh, a no-op when current): vscode-jsonrpc here (the scripted client),
# and vscode-languageclient, typescript and the vscode types in editors/vscode (the
# extension, type-checked by a test).
#
#   tests/lsp/install.sh [--force]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sh "$root/tests/npm-ci-locked.sh" ${1:+"$1"} "$here" node_modules/vscode-jsonrpc/package.json
sh "$root/tests/npm-ci-locked.sh" ${1:+"$1"} "$root/editors/vscode" node_modules/typescript/bin/tsc
