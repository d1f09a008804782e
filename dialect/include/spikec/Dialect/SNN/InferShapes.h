//===- InferShapes.h - propagate tensor shapes through a network *- C++ -*-===//
//
// Importers may leave shapes unknown (NIR files often store no shapes
// between a convolution and a flatten). A function of the dialect, so that
// the importers run it without the pass library; snn-infer-shapes is its
// pass.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_SNN_INFERSHAPES_H
#define SPIKEC_DIALECT_SNN_INFERSHAPES_H

#include "spikec/Dialect/SNN/SNNOps.h"

#include <cstdint>

namespace spikec::snn {

/// Walks `net`, cycles included, setting each result type from its operands
/// until nothing changes. Returns how many types it refined, or failure
/// (with an error on the op) when an op's declared shape contradicts its
/// operands or a shape stays unknown.
mlir::FailureOr<int64_t> inferShapes(NetworkOp net);

} // namespace spikec::snn

#endif // SPIKEC_DIALECT_SNN_INFERSHAPES_H
