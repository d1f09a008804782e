//===- ThresholdToNeuron.cpp - snn.threshold as a memoryless neuron -------===//
//
// On a chip every computation that decides a spike is a neuron: the target
// pipeline turns `z = x > theta` into the discrete lif that computes it
// exactly (decay 0, gain 1, reset to 0), so that each target's quantization
// and legalization judge it like any other population.
//
//===----------------------------------------------------------------------===//

#include "spikec/Passes/Passes.h"
#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"

namespace spikec {
#define GEN_PASS_DEF_THRESHOLDTONEURON
#include "spikec/Passes/SNN/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;

namespace {
struct ThresholdToNeuronPass
    : spikec::impl::ThresholdToNeuronBase<ThresholdToNeuronPass> {
  void runOnOperation() override {
    NetworkOp net = getOperation();
    SmallVector<ThresholdOp> thresholds(net.getBodyBlock().getOps<ThresholdOp>());
    for (ThresholdOp op : thresholds) {
      OpBuilder b(op);
      auto zero = b.getF32FloatAttr(0.0f), one = b.getF32FloatAttr(1.0f);
      OperationState state(op.getLoc(), LIFOp::getOperationName());
      state.addOperands(op.getInput());
      state.addTypes(op.getType());
      state.addAttribute("decay", zero);
      state.addAttribute("gain", one);
      state.addAttribute("v_threshold", op.getThresholdAttr());
      state.addAttribute("v_reset", zero);
      Operation *lif = b.create(state);
      op.getResult().replaceAllUsesWith(lif->getResult(0));
      op.erase();
      ++numRewritten;
    }
  }
};
} // namespace
