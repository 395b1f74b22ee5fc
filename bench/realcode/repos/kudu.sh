# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# apache/kudu: the C++ sources of src/kudu (client, rpc, util, master, tserver, consensus, tablet,
# fs, security, tools, ...), file by file: Kudu builds its own thirdparty tree and generates
# headers at build time. The recipe generates the protobuf messages (*.pb.h, Debian's protoc),
# the flatbuffers tables (*.fb.h, flatc) and stand-ins for the KRPC proxies and services
# (*.proxy.h, *.service.h of Kudu's own protoc plugin: kudu-krpc.py writes their declarations from
# protoc's descriptor set); still missing are the version info and the headers of its thirdparty
# libraries that Debian lacks (mustache, crcutil, hms thrift, ...; squeasel has a stand-in).
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
# Three Debian headers differ from Kudu's thirdparty and are copied into the work dir with a fix:
# sparsehash 2.0 guards its type_traits.h / template_util.h with the same macros as gutil's (Kudu
# builds sparsehash-c11, which has neither), so the copy gets its own guards; flatbuffers 2.0.8
# predates Verifier::Options::max_size, which Kudu sets, so the copy adds it; rapidjson 1.1.0 has a
# copy assignment to a const member that Clang 19 rejects even uninstantiated (gone upstream), so
# the copy drops it.
# squeasel (Kudu's embedded web server) is not in Debian; server/webserver.h, which every server TU
# includes, names only its opaque structs and callback result type, so the stand-in declares those.
prepare() {
  mkdir -p generated/kudu/util generated/kudu/common/serdes
  printf '%s\n' '#pragma once' '#define KUDU_EXPORT' '#define KUDU_NO_EXPORT' >generated/kudu/util/kudu_export.h
  (cd "$SRC" && find src/kudu -name '*.proto' ! -path 'src/kudu/benchmarks/*' ! -name '*test*' -print0 |
    xargs -0 protoc -Isrc -I/usr/include --cpp_out="$WORKDIR/generated" --descriptor_set_out="$WORKDIR/protos.desc")
  python3 "$HERE/repos/kudu-krpc.py" protos.desc generated
  rm -rf generated/sparsehash generated/flatbuffers generated/rapidjson
  cp -r /usr/include/sparsehash /usr/include/flatbuffers /usr/include/rapidjson generated/
  sed -i '/GenericStringRef& operator=(const GenericStringRef& rhs) { s = rhs.s; length = rhs.length; }/d' \
    generated/rapidjson/document.h
  sed -i 's/BASE_TYPE_TRAITS_H_/SPARSEHASH_TYPE_TRAITS_H_/; s/BASE_TEMPLATE_UTIL_H_/SPARSEHASH_TEMPLATE_UTIL_H_/' \
    generated/sparsehash/type_traits.h generated/sparsehash/template_util.h
  sed -i 's|^    uoffset_t max_tables = 1000000;|&\n    size_t max_size = FLATBUFFERS_MAX_BUFFER_SIZE;|' generated/flatbuffers/verifier.h
  printf '%s\n' '#pragma once' 'struct sq_connection; struct sq_context; struct sq_request_info;' \
    'typedef enum { SQ_CONTINUE_HANDLING, SQ_HANDLED_OK, SQ_HANDLED_CLOSE_CONNECTION } sq_callback_result_t;' \
    >generated/squeasel.h
  find generated -name '*.pb.cc' -delete
  flatc --cpp --cpp-std c++17 --filename-suffix .fb -o generated/kudu/common/serdes "$SRC/src/kudu/common/serdes/array1d.fbs"
}
FLAGS=(-std=c++17 -I"$SRC/src" -I"$WORKDIR/generated" -D__STDC_FORMAT_MACROS -DKUDU_HEADERS_USE_SHORT_STATUS_MACROS=1
  -DKUDU_HEADERS_USE_RICH_SLICE=1 -DKUDU_HEADERS_NO_STUBS=1 -DKUDU_STATIC_DEFINE -DNO_CHRONY)
VENDORED='^src/kudu/gutil/'
