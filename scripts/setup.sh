#!/usr/bin/env bash
# Installs what retrylint needs from Debian 12's packages, then configures and builds it
# in build/. Every step is skipped when already done, so a repeat run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# libclang-rt-19-dev: Clang's sanitizer runtimes and libFuzzer (scripts/sanitize.sh).
# librsvg2-bin, chromium and the DejaVu fonts render the simulator's SVG and HTML to PNG in
# the tests, so a picture with a clipped legend or an empty plot fails CI. Neovim's built-in
# LSP client drives `retrylint lsp` in a test.
# clang-tools-19: clang-apply-replacements, which tests/ci applies --export-fixes with.
# libgoogle-perftools-dev: tcmalloc, the allocator retrylint links (analyzer/cli/CMakeLists.txt).
packages=(g++ cmake ninja-build ccache git
          llvm-19-dev libclang-cpp19-dev libclang-19-dev clang-19 libclang-rt-19-dev clang-tools-19
          nlohmann-json3-dev libsimdjson-dev libre2-dev libgoogle-perftools-dev libgtest-dev nodejs npm
          librsvg2-bin chromium fonts-dejavu-core
          neovim)

missing=()
for p in "${packages[@]}"; do
  # Node.js may come from elsewhere (with npm bundled): a working command is enough.
  case $p in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "retrylint setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ccache keys on paths: make them relative to the checkout so another clone hits the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# LLVM headers are heavy: two jobs keep a 2-core, shared machine responsive.
cmake --build build --parallel "${RETRYLINT_BUILD_JOBS:-2}"
