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

def Quantize : Pass<"snn-quantize", "::mlir::ModuleOp"> {
  let summary = "Lower each discretized snn.network to an nc.graph for a target";
  let description = [{
    Replaces every `snn.network` (already run through `snn-discretize`) by an
    `nc.graph` of the same name for `target` (a preset name or a path),
    recording the target's name, content hash and `dt`. Only loihi is
    implemented; targets/MODELS.md, "Quantizing for loihi", has the rules.

    Loihi mapping, per population of lif, if or cuba_lif in per-step form
    `v' = decay v + gain x + bias`, spike `v' > v_threshold`, reset to 0:
    - lif/if: du = 4095 (u' = a << 6, this step's input), dv =
      encodeDv(1 - decay); cuba_lif: du = encodeDu(1 - syn_decay), weights
      also scaled by syn_gain, and every incoming synapse table gets
      delay = 1 (Loihi's v reads the updated current, snn's the previous
      one: delaying the input one step makes the two recursions identical);
    - one integer scale S per population (state units per float unit):
      w = round(S gain W / 2^(weight_exp + 6)) in 8 signed bits,
      weight_exp per table the smallest in [max(0, exponent_min),
      exponent_max] that fits the table's largest |w|;
      vth_mant = round(S v_threshold / 64); bias_mant * 2^bias_exp =
      round(S (gain b + bias)), the smallest bias_exp in 0..7 that fits;
      refractory_delay = refractory;
    - S = floor of the smallest bound set by the 17-bit threshold, the
      8-bit weights at exponent_max, the 13-bit bias at exponent 7 and the
      16-bit dendritic sum (sum of |w| 2^weight_exp into any neuron <=
      32767; cuba_lif also keeps u within 24 bits), lowered until the
      rounded integers fit; S < 1 is an error naming the bound.
    Projections (affine, linear, sparse, scale, flatten, conv1d, conv2d,
    sum/avg pools, snn.add) are composed exactly in floating point into one
    synapse table per spiking source, then quantized; snn.add becomes
    nc.sum. Inputs keep their encoder (rate, latency, delta) as the
    nc.input's `encoder`; without one the input must carry spikes.
    Anything Loihi cannot do exactly (subtract or none reset, v_reset != 0,
    timing pre, li/cuba_li/integrator/alif/izhikevich, delay, threshold,
    encode_direct, a bias into cuba_lif's current) is an error naming the
    op and the rule, never an approximation.

    `report` names a JSON file that receives, per population, S, each
    table's weight_exp, bits used and weight quantization errors, and the
    threshold error.
  }];
  let dependentDialects = ["::spikec::nc::NCDialect"];
  let options = [
    Option<"target", "target", "std::string", "\"loihi\"",
           "target preset name or description path">,
    Option<"report", "report", "std::string", "\"\"",
           "write a JSON quantization report to this file">,
  ];
  let statistics = [
    Statistic<"numPopulations", "populations", "Number of populations quantized">,
    Statistic<"numSynapses", "synapses", "Number of integer synapses written">,
  ];
}

#endif // SPIKEC_PASSES_PASSES_TD
