//===- Discretize.cpp - continuous-time parameters to per-step factors ----===//

#include "spikec/Passes/Passes.h"

#include <cmath>

namespace spikec {
#define GEN_PASS_DEF_DISCRETIZE
#include "spikec/Passes/SNN/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;

namespace {
struct DiscretizePass : spikec::impl::DiscretizeBase<DiscretizePass> {
  using DiscretizeBase::DiscretizeBase;
  void runOnOperation() override {
    NetworkOp net = getOperation();
    if (!(dt > 0) || !std::isfinite(dt)) {
      net.emitError() << "dt must be a positive number of seconds, got " << dt;
      return signalPassFailure();
    }
    if (auto old = net.getDtAttr(); old && old.getValueAsDouble() != dt) {
      net.emitError() << "network was discretized for dt = "
                      << old.getValueAsDouble() << " s, not " << dt << " s";
      return signalPassFailure();
    }
    for (Operation &op : net.getBodyBlock()) {
      auto neuron = dyn_cast<NeuronOpInterface>(op);
      if (!neuron || neuron.isDiscrete())
        continue;
      if (failed(neuron.discretize(dt)))
        return signalPassFailure();
      ++numDiscretized;
    }
    net.setDtAttr(FloatAttr::get(Float64Type::get(&getContext()), dt));
  }
};
} // namespace
