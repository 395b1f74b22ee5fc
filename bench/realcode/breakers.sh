#!/usr/bin/env bash
# The circuit breakers of public C++ code, analysed by hand (see breakers.tsv). Lays out each
# pinned commit from its mirror (/work/.mirror/<owner>+<name>/repo, brought by the search
# tool's fetch) under $WORK, runs retrylint's breaker rules and retry-backoff-no-jitter over the
# listed files, and prints the breaker findings (and the isolation-growth ones) per repository.
# Nothing of these repositories is committed here. Usage:
#   bench/realcode/breakers.sh [--retrylint PATH] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
TOOL=$PWD/build/bin/retrylint
WORK=/work/realcode/breakers
while [ $# -gt 0 ]; do
  case $1 in
    --retrylint) TOOL=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    *) echo "usage: $0 [--retrylint PATH] [--work DIR]" >&2; exit 2 ;;
  esac
done

# name  owner/repo  commit  files (find expression, run in the checkout)  flags
REPOS=(
  "brpc|apache/brpc|71871ee9fb46cdb39565e3f5af1dfa6949f80bca|find src/brpc -name '*.cpp'|-std=c++17 -Isrc"
  "sentinel-cpp|alibaba/sentinel-cpp|36871db9cc0ca76b9bdf666f0a99f41bb026abfc|find sentinel-core -name '*.cc' ! -name '*_test.cc'|-std=c++17 -I."
  "polaris-cpp|polarismesh/polaris-cpp|ea0f459c8d71b9c64d6eef3626bb93a41efc962a|find polaris -name '*.cpp'|-std=c++17 -Iinclude -Ipolaris -I."
  "workflow|sogou/workflow|41695078733a725a8d22390a2f65c9abb21c0e2e|find src -name '*.cc'|-std=c++11 -Isrc -Isrc/include/workflow -Isrc/nameservice -Isrc/kernel -Isrc/util -Isrc/manager -Isrc/factory -Isrc/protocol -Isrc/client -Isrc/server"
  "couchbase-examples|couchbase/couchbase-cxx-client|ef6b12aede2f34b8e2310ca6459c7a3f45445783|find examples -name '*.cxx'|-std=c++17 -I. -Iinclude -Iexamples/external_circuit_breaker -isystem third_party/expected/include -DASIO_STANDALONE=1"
  "TarsCpp|TarsCloud/TarsCpp|622165ce275a652fc39636e26b981aa4bf7a8bdf|find servant/libservant util/src -name '*.cpp'|-std=c++17 -Iservant -Iutil/include -Iservant/servant"
  "azugate|Azusain/azugate|5f4788c186f9db94759b1bbe2ccafe6ca813c364|find src -name '*.cc' -o -name '*.cpp'|-std=c++20 -Iinclude"
  "chat|KathrynMill/chat|10d3836eb28de70d96440b1e589b4202e07dc3a0|find microservices -name '*.cpp'|-std=c++17 -Imicroservices/common -Imicroservices/common/circuit"
)

mkdir -p "$WORK"
for entry in "${REPOS[@]}"; do
  IFS='|' read -r name repo commit files flags <<<"$entry"
  mirror=/work/.mirror/${repo/\//+}/repo
  src=$WORK/${repo/\//+}
  if [ ! -d "$mirror" ]; then echo "== $name: no mirror at $mirror (fetch github:$repo)"; continue; fi
  if ! git -C "$mirror" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "== $name: $commit is not in the mirror: re-pin"; continue
  fi
  if [ ! -f "$src/.commit" ] || [ "$(cat "$src/.commit")" != "$commit" ]; then
    rm -rf "$src" && mkdir -p "$src"
    # Large files the snapshot lacks make git archive fail; the sources are still extracted.
    git -C "$mirror" archive "$commit" | tar -x -C "$src" 2>/dev/null || true
    echo "$commit" >"$src/.commit"
  fi
  echo "== $name ($repo@${commit:0:12})"
  # shellcheck disable=SC2086
  (cd "$src" && "$TOOL" -j 2 --checks='-*,breaker-*,retry-backoff-no-jitter' $(eval "$files" | sort) -- $flags 2>/dev/null |
     grep -E 'warning: .*(\[breaker-|isolation time)' || true)
done
