#!/usr/bin/env bash
# bench/generate.sh: build bench/generator/ with clang++-19 (once, cached by content) and
# run it. All arguments go to the generator:
#   bench/generate.sh [--tus N] [--functions F] [--seed S] [--retry-percent P] --out DIR
# The binary is cached in ${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/retrylint-bench}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cxx="${BENCH_CXX:-clang++-19}"
cache="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/retrylint-bench}"
mkdir -p "$cache"
sum="$(cat "$here"/generator/*.h "$here"/generator/*.cpp | cksum | cut -d' ' -f1)"
bin="$cache/generate-$sum"
if [[ ! -x "$bin" ]]; then
  "$cxx" -std=c++17 -O2 -Wall -Wextra -o "$bin.tmp.$$" "$here"/generator/*.cpp
  mv "$bin.tmp.$$" "$bin"
fi
exec "$bin" "$@"
