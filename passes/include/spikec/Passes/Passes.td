//===- Passes.td - spikec passes ---------------------------*- tablegen -*-===//

#ifndef SPIKEC_PASSES_PASSES_TD
#define SPIKEC_PASSES_PASSES_TD

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

#endif // SPIKEC_PASSES_PASSES_TD
