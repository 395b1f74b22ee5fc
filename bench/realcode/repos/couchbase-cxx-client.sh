# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# couchbase/couchbase-cxx-client: the client library, core/**/*.cxx (the list the CMakeLists
# compiles), less core/protostellar (off by default; needs generated gRPC stubs). Not test/,
# tools/, examples/. File by file because the build downloads its dependencies with CPM: tao/json,
# llhttp and hdr_histogram are missing, as are the configured couchbase/build_{info,version}.hxx;
# asio, spdlog, fmt, GSL, snappy and OpenSSL come from Debian. Two one-line stand-ins go to the work
# dir: spdlog/fmt/bundled/<h>.h -> <fmt/<h>.h> (Debian's spdlog uses the external fmt and ships no
# bundled copy), and couchbase/build_config.hxx with every option of the default build off (empty).
prepare() {
  mkdir -p generated/spdlog/fmt/bundled generated/couchbase
  local h
  for h in chrono core format ostream ranges; do
    printf '#pragma once\n#include <fmt/%s.h>\n' "$h" >"generated/spdlog/fmt/bundled/$h.h"
  done
  printf '#pragma once\n' >generated/couchbase/build_config.hxx
}
sources() { find core -name '*.cxx' ! -path 'core/protostellar/*'; }
FLAGS=(-std=c++17 -I"$SRC" -I"$WORKDIR/generated" -isystem "$SRC/third_party/expected/include" -isystem "$SRC/third_party/jsonsl"
  -DASIO_STANDALONE=1 -DASIO_NO_DEPRECATED=1 -DASIO_SEPARATE_COMPILATION=1 -DSPDLOG_FMT_EXTERNAL
  -DHAVE_BACKTRACE=1 -DHAVE_DLADDR=1 -D_GNU_SOURCE=1)
VENDORED='^third_party/'
