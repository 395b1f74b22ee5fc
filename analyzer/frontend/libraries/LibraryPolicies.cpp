#include "frontend/libraries/LibraryPolicies.h"

#include "frontend/libraries/LibraryModels.h"

namespace retrylint {
namespace {

/// The libraries whose retry policies are layers, one entry each (docs/library-policies.md).
const LibraryModel *const Libraries[] = {&AwsSdkModel, &FollyModel, &GoogleCloudModel, &GrpcModel};

} // namespace

bool isLibraryOperation(const clang::CallExpr *call) {
  for (const LibraryModel *model : Libraries)
    if (model->recognises(call))
      return true;
  return false;
}

LibraryCall libraryCallAt(const clang::CallExpr *call, clang::ASTContext &ctx) {
  for (const LibraryModel *model : Libraries)
    if (model->recognises(call))
      return model->layerAt(call, ctx);
  return {};
}

} // namespace retrylint
