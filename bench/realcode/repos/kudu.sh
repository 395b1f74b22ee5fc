# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# apache/kudu: the C++ sources of src/kudu (client, rpc, util, master, tserver, consensus, tablet,
# fs, security, tools, ...), file by file: Kudu builds its own thirdparty tree and generates
# headers at build time. The recipe generates the protobuf messages (*.pb.h, Debian's protoc)
# and the flatbuffers tables (*.fb.h, flatc); still missing are the KRPC proxies and services
# (*.proxy.h, *.service.h: Kudu's own protoc plugin), the version info, and the headers of its
# thirdparty libraries that Debian lacks (squeasel, mustache, ...).
# Not analysed: tests (*-test.cc, *_test.cc, test utilities), benchmarks, mini clusters,
# integration-tests, experiments, and gutil (Google's vendored utility code).
sources() {
  find src/kudu -name '*.cc' \
    ! -path 'src/kudu/benchmarks/*' ! -path 'src/kudu/experiments/*' \
    ! -path 'src/kudu/integration-tests/*' ! -path 'src/kudu/mini-cluster/*' \
    ! -path 'src/kudu/gutil/*' ! -path 'src/kudu/scripts/*'
}
EXCLUDE='(test|bench|mini_|/mock|fuzz|stress)[^/]*$'
# kudu_export.h comes from CMake's GenerateExportHeader; in a static build (KUDU_STATIC_DEFINE) its
# two macros are empty, so the recipe writes that header into the work dir. The message headers
# are generated the way Kudu's CMake does (PROTOBUF_GENERATE_CPP, FLATBUFFERS_GENERATE_CPP);
# without them every Status, error code and RPC message of the analysed code fails to compile.
prepare() {
  mkdir -p generated/kudu/util generated/kudu/common/serdes
  printf '%s\n' '#pragma once' '#define KUDU_EXPORT' '#define KUDU_NO_EXPORT' >generated/kudu/util/kudu_export.h
  (cd "$SRC" && find src/kudu -name '*.proto' ! -path 'src/kudu/benchmarks/*' ! -name '*test*' -print0 |
    xargs -0 protoc -Isrc -I/usr/include --cpp_out="$WORKDIR/generated")
  find generated -name '*.pb.cc' -delete
  flatc --cpp --cpp-std c++17 --filename-suffix .fb -o generated/kudu/common/serdes "$SRC/src/kudu/common/serdes/array1d.fbs"
}
FLAGS=(-std=c++17 -I"$SRC/src" -I"$WORKDIR/generated" -D__STDC_FORMAT_MACROS -DKUDU_HEADERS_USE_SHORT_STATUS_MACROS=1
  -DKUDU_HEADERS_USE_RICH_SLICE=1 -DKUDU_HEADERS_NO_STUBS=1 -DKUDU_STATIC_DEFINE -DNO_CHRONY)
VENDORED='^src/kudu/gutil/'
