//===- Conversion/Passes.td - snn to nc conversion ---------*- tablegen -*-===//
//
// Passes that lower one dialect to another: snn-quantize, snn.network to
// nc.graph (passes/lib/Conversion/SNNToNC/). Generated into
// Conversion/Passes.h.inc; spikec/Passes/Passes.h includes it.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_PASSES_CONVERSION_PASSES_TD
#define SPIKEC_PASSES_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def Quantize : Pass<"snn-quantize", "::mlir::ModuleOp"> {
  let summary = "Lower each discretized snn.network to an nc.graph for a target";
  let description = [{
    Replaces every `snn.network` (already run through `snn-discretize`) by an
    `nc.graph` of the same name for `target` (a preset name or a path),
    recording the target's name, content hash and `dt`. The target's
    `arithmetic` picks the backend (loihi, truenorth, akida, generic);
    targets/MODELS.md, "Quantizing for <arithmetic>", has each one's rules.
    What follows is loihi's.

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
    - S at most the smallest bound set by the 17-bit threshold, the
      8-bit weights at exponent_max, the 13-bit bias at exponent 7 and the
      16-bit dendritic sum (sum of |w| 2^weight_exp into any neuron <=
      32767; cuba_lif also keeps u within 24 bits), chosen among that bound
      and the values that put a table's largest weight exactly on 127
      (the finest worst weight step wins), lowered until the rounded
      integers fit; S < 1 is an error naming the bound.
    With a calibration (what the float reference did on sample inputs,
    measured by the driver and handed to the pass: spikec --calibrate,
    Calibration.h), the dendritic-sum and membrane-floor bounds use the
    measured ranges times `calibrate-margin`, and weights are rounded so
    that their errors cancel at the measured pre-neuron rates.
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
    Option<"calibrateMargin", "calibrate-margin", "double", "1.5",
           "factor widening the measured ranges before they bound a scale">,
    Option<"weightBits", "weight-bits", "int64_t", "0",
           "akida: weight width of every layer (0: the smallest allowed "
           "width whose weight error is within max-weight-error)">,
    Option<"maxWeightError", "max-weight-error", "double", "0.05",
           "akida: bound on a layer's RMS weight error relative to its "
           "largest weight, for the automatic weight width">,
    Option<"activationBits", "activation-bits", "int64_t", "0",
           "akida: activation width of approximated IF layers (0: the "
           "target's precision.activation.bits)">,
    ListOption<"approx", "approx", "std::string",
               "approximations to allow, by name (truenorth: "
               "truenorth-linear-leak)">,
  ];
  let statistics = [
    Statistic<"numPopulations", "populations", "Number of populations quantized">,
    Statistic<"numSynapses", "synapses", "Number of integer synapses written">,
  ];
}

#endif // SPIKEC_PASSES_CONVERSION_PASSES_TD
