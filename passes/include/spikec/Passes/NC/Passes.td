//===- NC/Passes.td - nc passes ----------------------------*- tablegen -*-===//
//
// Passes on nc.graph (and nc-route, which makes nc.chip): each chip's
// legalization, then partitioning, placement and routing. Generated into
// NC/Passes.h.inc; spikec/Passes/Passes.h includes it.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_PASSES_NC_PASSES_TD
#define SPIKEC_PASSES_NC_PASSES_TD

include "mlir/Pass/PassBase.td"

def LegalizeLoihi : Pass<"nc-legalize-loihi", "::spikec::nc::GraphOp"> {
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

def LegalizeAkida : Pass<"nc-legalize-akida", "::spikec::nc::GraphOp"> {
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

def LegalizeTrueNorth : Pass<"nc-legalize-truenorth", "::spikec::nc::GraphOp"> {
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

def Partition : Pass<"nc-partition", "::spikec::nc::GraphOp"> {
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

def Place : Pass<"nc-place", "::spikec::nc::GraphOp"> {
  let summary = "Put the cores of a partitioned nc.graph on the target's mesh";
  let description = [{
    Runs after nc-partition. Cores go to mesh positions [x, y, slot]
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

def Route : Pass<"nc-route", "::mlir::ModuleOp"> {
  let summary = "Turn a partitioned, placed nc.graph into an nc.chip";
  let description = [{
    Runs after nc-place. Every nc.graph becomes an nc.chip of the same name:
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

def CheckContract : Pass<"nc-check-contract", "::mlir::ModuleOp"> {
  let summary = "Check that a module is what the stages after the target "
                "pipeline assume";
  let description = [{
    The end of the target pipeline (snn-quantize and the legalization), as
    torch-mlir checks its backend contract: what partitioning, placement,
    routing, the image writer, the quantized reference and the emulator
    take for granted, checked once with errors that name the op, instead of
    surfacing as a failure somewhere downstream. Every snn.network was
    lowered (none is left); every nc.graph names a target that loads, with
    the hash it was made with, whose arithmetic is a registered chip; every
    op in a graph is an nc op; every population runs a model of that chip;
    every synapse table's weights fit the target's weight width, and its
    delay the target's synaptic delay range when the description gives one.
    Nothing is rewritten.
  }];
}

#endif // SPIKEC_PASSES_NC_PASSES_TD
