# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# couchbase/couchbase-cxx-client: the client library, core/**/*.cxx (the list the CMakeLists
# compiles), less core/protostellar (off by default; needs generated gRPC stubs). Not test/,
# tools/, examples/. File by file because the build downloads its dependencies with CPM: llhttp's
# header comes from Debian's node-llhttp (/usr/share/include/llhttp, 8.1; the C API couchbase uses is
# the same), hdr_histogram is missing (Debian does not package it), as are the configured
# couchbase/build_{info,version}.hxx; asio, spdlog, fmt, GSL, snappy, OpenSSL and tao/json come from
# Debian. Debian's tao-json is a 2020 snapshot (CPM pins 1.0.0-beta.14) that bundles its own PEGTL
# in tao::json::pegtl, while couchbase names tao::pegtl (catch tao::pegtl::parse_error) and two TUs
# include <tao/pegtl...> next to tao/json: Debian's tao-pegtl-dev there would be a second PEGTL with
# other include guards (redefinitions). So the bundled copy is put in tao::pegtl
# (TAO_JSON_PEGTL_NAMESPACE) and the three <tao/pegtl...> headers couchbase names are one-line
# stand-ins for it; with that the TUs that only missed tao compile clean. Further one-line stand-ins
# in the work dir: spdlog/fmt/bundled/<h>.h -> <fmt/<h>.h> (Debian's spdlog uses the external fmt and
# ships no bundled copy), and couchbase/build_config.hxx with every option of the default build off
# (empty), so the COLUMNAR branches (#ifdef COUCHBASE_CXX_CLIENT_COLUMNAR, a separate product build)
# are not analysed.
prepare() {
  mkdir -p generated/spdlog/fmt/bundled generated/couchbase
  local h
  for h in chrono core format ostream ranges; do
    printf '#pragma once\n#include <fmt/%s.h>\n' "$h" >"generated/spdlog/fmt/bundled/$h.h"
  done
  printf '#pragma once\n' >generated/couchbase/build_config.hxx
  mkdir -p generated/tao/pegtl/contrib
  for h in pegtl.hpp pegtl/parse_error.hpp pegtl/contrib/uri.hpp; do
    printf '#pragma once\n#include <tao/json/external/%s>\n' "$h" >"generated/tao/$h"
  done
}
sources() { find core -name '*.cxx' ! -path 'core/protostellar/*'; }
FLAGS=(-std=c++17 -I"$SRC" -I"$WORKDIR/generated" -isystem "$SRC/third_party/expected/include" -isystem "$SRC/third_party/jsonsl"
  -isystem /usr/share/include/llhttp
  -DASIO_STANDALONE=1 -DASIO_NO_DEPRECATED=1 -DASIO_SEPARATE_COMPILATION=1 -DSPDLOG_FMT_EXTERNAL
  -DHAVE_BACKTRACE=1 -DHAVE_DLADDR=1 -D_GNU_SOURCE=1 -DTAO_JSON_PEGTL_NAMESPACE=tao::pegtl)
VENDORED='^third_party/'
