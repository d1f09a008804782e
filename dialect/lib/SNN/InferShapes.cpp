//===- InferShapes.cpp - propagate tensor shapes through a network --------===//

#include "spikec/Dialect/SNN/InferShapes.h"

using namespace mlir;

FailureOr<int64_t> spikec::snn::inferShapes(NetworkOp net) {
  int64_t refined = 0;
  // A graph region may use values before their definition, so iterate to a
  // fixed point; each round refines at least one type or stops.
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation &op : net.getBodyBlock()) {
      auto shaped = dyn_cast<ShapeInferenceOpInterface>(op);
      if (!shaped)
        continue;
      FailureOr<Type> type = shaped.inferResultType();
      if (failed(type))
        return failure();
      if (!*type || *type == op.getResult(0).getType())
        continue;
      auto old = dyn_cast<RankedTensorType>(op.getResult(0).getType());
      if (old && old.hasStaticShape()) {
        op.emitOpError() << "declares " << old << " but its operands imply "
                         << *type;
        return failure();
      }
      op.getResult(0).setType(*type);
      ++refined;
      changed = true;
    }
  }
  for (Operation &op : net.getBodyBlock())
    for (Value v : op.getResults())
      if (auto t = dyn_cast<RankedTensorType>(v.getType());
          !t || !t.hasStaticShape()) {
        op.emitOpError() << "result shape cannot be inferred";
        return failure();
      }
  return refined;
}
