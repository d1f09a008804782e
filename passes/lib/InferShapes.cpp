//===- InferShapes.cpp - snn-infer-shapes ---------------------------------===//
//
// The pass around snn::inferShapes (spikec/Dialect/SNN/InferShapes.h).
//
//===----------------------------------------------------------------------===//

#include "spikec/Passes/Passes.h"

#include "spikec/Dialect/SNN/InferShapes.h"

namespace spikec {
#define GEN_PASS_DEF_INFERSHAPES
#include "spikec/Passes/SNN/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;

namespace {
struct InferShapesPass : spikec::impl::InferShapesBase<InferShapesPass> {
  void runOnOperation() override {
    FailureOr<int64_t> refined = snn::inferShapes(getOperation());
    if (failed(refined))
      return signalPassFailure();
    numRefined += *refined;
  }
};
} // namespace
