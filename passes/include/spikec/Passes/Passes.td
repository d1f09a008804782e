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

def LegalizeLoihi : Pass<"snn-legalize-loihi", "::spikec::nc::GraphOp"> {
  let summary = "Check an nc.graph against loihi's per-core rules";
  let description = [{
    Runs after `snn-quantize{target=loihi}`, which already keeps every
    weight, exponent, threshold, bias and decay in range. Checks, each
    violation an error naming the op, the rule and the numbers: the graph
    was quantized for this description (content hash); every population
    runs the `loihi` compartment; every table has the target's weight width
    and an exponent in its range; no neuron has more synapses than
    core.max_fan_in, nor more synapse bits than one core's synapse memory.
    Nothing is rewritten: a population larger than a core is split by the
    partitioner, exactly, since its neurons are independent; a neuron too
    large for a core would need its dendritic sum carried across cores as
    spikes, which is not exact. loihi has no approximations to allow.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description to check against (default: the graph's)">,
    ListOption<"approx", "approx", "std::string",
               "approximations to allow, by name (loihi has none)">,
  ];
}

def LegalizeAkida : Pass<"snn-legalize-akida", "::spikec::nc::GraphOp"> {
  let summary = "Check an nc.graph against akida's design rules";
  let description = [{
    Runs after `snn-quantize{target=akida}` (targets/MODELS.md, "Legalizing
    for akida"). Checks, each violation an error naming the op, the rule and
    the numbers: every population runs the `akida` model and the target
    lists it; activation widths are the target's; every synapse table has
    weight_exp 0, delay 0, an allowed weight width (8 bits only out of an
    nc.input) and weights on akida's code points; the fan-in of every neuron
    is within core.max_fan_in; the worst-case potential, sum of |w| times
    the largest input activation, fits the accumulator (membrane_bits, at
    most 32), so nc.synapses' int64 sum equals Akida's per-event saturating
    int32 accumulation; inputs carry unsigned events (a direct encoder gets
    `bits = 8`, the first layer's input; delta off-spikes are refused).

    A population that snn-quantize marked `approximation = "<name>"` is
    refused unless `approx` lists that name; when allowed, a remark reports
    it (layer, activation bits, step and offset). The one approximation is
    `akida-rate-to-activation`: a rate-coded IF layer (reset by
    subtraction) as a per-frame quantized ReLU.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description to check against (default: the graph's)">,
    ListOption<"approx", "approx", "std::string",
               "approximations to allow, by name">,
  ];
  let statistics = [
    Statistic<"numApproximated", "approximated-layers",
              "Number of populations mapped by an allowed approximation">,
  ];
}

def LegalizeTrueNorth : Pass<"snn-legalize-truenorth", "::spikec::nc::GraphOp"> {
  let summary = "Fit an nc.graph to TrueNorth's crossbar cores exactly";
  let description = [{
    Runs after `snn-quantize{target=truenorth}` (targets/MODELS.md,
    "Legalizing for truenorth"). Every population must run the `truenorth`
    model; its neurons are taken in core blocks of core.neurons.
    - Axon types: each neuron's distinct nonzero weights become its
      `weight<G>` parameters (negative ones types 0, 1, ..., positive ones
      core.axon_types - 1, ... down), and each synapse gets `axon_types`,
      the type of the copy of its pre neuron's axon it uses; more than
      core.axon_types distinct weights in a neuron is an error naming the
      neuron and the weights.
    - Fan-in: a neuron's inputs, and a core block's axon copies, must fit
      min(core.input_axons, core.max_fan_in): `layer fc1: fan-in 784
      exceeds truenorth's 256 axons per core`, with the replication factor
      when the copies are the cause. Partial sums across cores are never
      made.
    - Fan-out: a population whose neurons need more destination axons
      (copies over all consumer tables and core blocks) than
      core.max_fan_out feeds its consumers through a splitter population
      (`<name>.split`, weight 1, alpha 1), one tick later. Every population
      gets the latency of its latest source and the tables from earlier
      ones get the difference as `delay`, so the legalized graph computes
      the unlegalized one shifted by that latency (nc.output's `latency`
      attribute). A splitter in a recurrent loop, a shifted population
      with a leak that is not toward 0, and a delay beyond 15 ticks are
      errors. Inputs come from the host, which sends one packet per axon.
    A population that snn-quantize marked `approximation = "<name>"` is
    refused unless `approx` lists the name (truenorth-linear-leak).
    `report` adds "legalization" (splitters, added latency, per population
    axons per core, fan-in, weight levels, destinations) to that JSON file.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description (default: the graph's)">,
    ListOption<"approx", "approx", "std::string",
               "approximations to allow, by name">,
    Option<"report", "report", "std::string", "\"\"",
           "add the legalization to this JSON report file">,
  ];
  let statistics = [
    Statistic<"numSplitterNeurons", "splitter-neurons",
              "Number of splitter neurons inserted">,
    Statistic<"numSplitterPopulations", "splitter-populations",
              "Number of splitter populations inserted">,
    Statistic<"addedLatency", "added-latency",
              "Largest number of ticks an output lags the unlegalized graph">,
  ];
}

def Partition : Pass<"snn-partition", "::spikec::nc::GraphOp"> {
  let summary = "Assign every neuron of an nc.graph to a core";
  let description = [{
    Runs after the target's legalization. The graph becomes the mapping
    library's problem (passes/include/spikec/Mapping/Mapping.h): its
    populations' neurons, its inputs' elements (off-chip: they take input
    axons, not neuron slots) and its synapse tables. Every strategy that
    applies is tried (sequential fill, layer slicing in topological order,
    size-limited clusters, METIS k-way), each result is checked against every
    per-core limit of the target from scratch, and the one with the fewest
    cores, then the fewest inter-core spikes, wins. Each nc.population gets
    `cores` (an i32 dense_resource, the core of every neuron); the graph
    gets `partition = {strategy, cores, lower_bound, binding,
    inter_core_spikes}`. A network that cannot fit is an error naming the
    limit and the numbers.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description (default: the graph's)">,
  ];
  let statistics = [
    Statistic<"numCores", "cores", "Number of cores used">,
  ];
}

def Place : Pass<"snn-place", "::spikec::nc::GraphOp"> {
  let summary = "Put the cores of a partitioned nc.graph on the target's mesh";
  let description = [{
    Runs after snn-partition. Cores go to mesh positions [x, y, slot]
    (cores_per_tile cores share a router) minimizing the sum over core pairs
    of expected spikes times Manhattan hops: a serpentine fill in partition
    order, then pairwise swaps that lower the cost (Placement.h). The graph
    gets `core_positions` (an i32 dense_resource, x, y, slot per core) and
    `placement = {cost, initial_cost, average_hops, max_hops}` with the
    target's dimension-order routing.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description (default: the graph's)">,
  ];
}

def Route : Pass<"snn-route", "::mlir::ModuleOp"> {
  let summary = "Turn a partitioned, placed nc.graph into an nc.chip";
  let description = [{
    Runs after snn-place. Every nc.graph becomes an nc.chip of the same name:
    one nc.core per core with its neurons' parameters; per core, one axon
    per (synapse table, pre neuron) that reaches it, in the dendrite group
    of that table (its weight bits, exponent and delay), with the synapses
    into the core's neurons; per neuron, its routes to those axons; nc.in
    ports with each input element's destinations and nc.out ports with each
    output element's (core, neuron). The chip records the target's mesh and
    per-core limits, so its verifier checks every core.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "target description (default: each graph's)">,
  ];
  let dependentDialects = ["::spikec::nc::NCDialect"];
}

#endif // SPIKEC_PASSES_PASSES_TD
