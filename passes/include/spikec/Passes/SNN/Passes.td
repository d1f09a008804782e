//===- SNN/Passes.td - snn passes --------------------------*- tablegen -*-===//
//
// Transforms of snn.network that stay in the snn dialect. Generated into
// SNN/Passes.h.inc; spikec/Passes/Passes.h includes it.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_PASSES_SNN_PASSES_TD
#define SPIKEC_PASSES_SNN_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapes : Pass<"snn-infer-shapes", "::spikec::snn::NetworkOp"> {
  let summary = "Propagate tensor shapes through a network";
  let description = [{
    Importers may leave shapes unknown (NIR files often store no shapes
    between a convolution and a flatten). This pass walks the graph, cycles
    included, setting each result type from its operands until nothing
    changes, and fails when a shape stays unknown.
  }];
  let statistics = [
    Statistic<"numRefined", "refined-types", "Number of result types refined">,
  ];
}

def Discretize : Pass<"snn-discretize", "::spikec::snn::NetworkOp"> {
  let summary = "Turn continuous-time neuron parameters into per-step factors";
  let description = [{
    Applies forward Euler with timestep `dt` (DESIGN.md section 3) to every
    population: time constants become decay factors, delays become step
    counts. Records `dt` on the network. Populations already in per-step form
    are left alone; a network discretized for another dt is an error.
  }];
  let options = [
    Option<"dt", "dt", "double", "1.0e-4", "timestep in seconds">,
  ];
  let statistics = [
    Statistic<"numDiscretized", "discretized-ops",
              "Number of populations rewritten to per-step form">,
  ];
}

def ThresholdToNeuron : Pass<"snn-threshold-to-neuron", "::spikec::snn::NetworkOp"> {
  let summary = "Run each snn.threshold as a memoryless spiking neuron";
  let description = [{
    A chip computes only in neurons. `z = x > threshold` is exactly a
    discrete `snn.lif` with `decay = 0`, `gain = 1`, no bias, the same
    threshold and reset to 0 (`v' = x`, a spike when `v' > threshold`), so
    the target pipeline rewrites it into one before quantization; a target
    that cannot run a memoryless neuron then says so for that op. With
    hardware timing the neuron, like every population, delivers one step
    later.
  }];
  let statistics = [
    Statistic<"numRewritten", "thresholds", "Number of snn.threshold ops rewritten">,
  ];
}

#endif // SPIKEC_PASSES_SNN_PASSES_TD
