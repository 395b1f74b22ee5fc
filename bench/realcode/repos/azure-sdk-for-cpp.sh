# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# Azure/azure-sdk-for-cpp: every SDK library the top-level CMakeLists adds (core, identity,
# keyvault, storage, tables, attestation, appconfiguration, template) with the curl transport.
# Off: tests, samples, perf tests, vcpkg, AMQP/eventhubs (needs uAMQP), OpenTelemetry and Rust.
# storage-blobs asks for nanoarrow, which Debian lacks: an empty CMake package stands in for it
# (written to the work dir), so blob_container_client.cpp misses the nanoarrow headers.
CMAKE_ENV=(AZURE_SDK_DISABLE_AUTO_VCPKG=1)
CMAKE_ARGS=(-DBUILD_TESTING=OFF -DBUILD_SAMPLES=OFF -DBUILD_PERFORMANCE_TESTS=OFF
  -DDISABLE_AMQP=ON -DDISABLE_AZURE_CORE_OPENTELEMETRY=ON -DDISABLE_RUST_IN_BUILD=ON
  -DBUILD_TRANSPORT_CURL=ON -DWARNINGS_AS_ERRORS=OFF -Dnanoarrow_DIR="$WORKDIR/stubs/nanoarrow")
prepare() {
  mkdir -p stubs/nanoarrow
  printf '%s\n' 'add_library(nanoarrow::nanoarrow INTERFACE IMPORTED)' \
    'add_library(nanoarrow::nanoarrow_ipc INTERFACE IMPORTED)' >stubs/nanoarrow/nanoarrowConfig.cmake
}
VENDORED='^sdk/core/azure-core/inc/azure/core/internal/json/json\.hpp$'  # nlohmann/json, vendored
