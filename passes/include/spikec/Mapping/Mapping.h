//===- Mapping.h - neurons to cores under a target's limits -----*- C++ -*-===//
//
// The algorithmic core of nc-partition (DESIGN.md section 5), in plain C++17
// without MLIR so that it can be unit-tested and benchmarked at a million
// neurons. A Network is neurons in populations (one neuron model each) and
// synapses as a CSR from pre neuron to post neuron; partitionNetwork assigns
// every neuron a core so that every per-core limit of the target holds, with
// as few cores as it finds and then as few inter-core spikes, trying several
// strategies and reporting which won. verifyPartition is an independent
// from-scratch check of any assignment.
//
// Resources of one core (targets/README.md, "core"):
// - neurons: the neurons assigned to it;
// - input axons: distinct pres with a synapse into one of its neurons, where a
//   pre is an axon source: a neuron, an input, or a copy of one (below);
// - output axons: over its neurons, the distinct cores each one's spikes
//   reach; the neuron's own core counts when it has a synapse there, since
//   a spike enters even its own core through the router (TrueNorth's
//   one-destination rule is max_fan_out = 1 in this sense);
// - synapse memory: the synapses into its neurons times the bits of one
//   synapse of their population;
// - per neuron: fan-in <= max_fan_in and destinations <= max_fan_out.
//
// Copies: a neuron (or input) whose synapses into one core cannot share one
// axon needs an axon, and a destination, per kind: synapses from different
// nc.synapses tables (each axon belongs to one dendrite group), or of
// different TrueNorth axon types (an axon has one type). Such a neuron's
// synapses are split over pres: itself and copies of it (Network::copyOf),
// which count as axons and destinations of their own but live on the
// neuron's core and fire at its rate.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_MAPPING_MAPPING_H
#define SPIKEC_MAPPING_MAPPING_H

#include "spikec/Target/Target.h"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace spikec::mapping {

/// A contiguous range of neurons running one neuron model.
struct Population {
  std::string name;  ///< for messages
  std::string model; ///< a core runs one model
  uint32_t first = 0, count = 0;
  /// Bits of one synapse into a neuron of this population.
  uint32_t synapseBits = 8;
};

/// The mapping problem. Pre indices 0..numNeurons-1 are neurons, then
/// numInputs off-chip inputs (they need input axons, not neuron slots), then
/// copies: pre numSources() + i is a copy of neuron or input copyOf[i].
struct Network {
  uint32_t numNeurons = 0;
  uint32_t numInputs = 0;
  std::vector<uint32_t> copyOf;
  /// In order, covering 0..numNeurons-1 without gaps.
  std::vector<Population> populations;
  /// CSR by pre: the posts of pre p are post[rowStart[p] .. rowStart[p+1]).
  std::vector<uint64_t> rowStart;
  std::vector<uint32_t> post;
  /// Events per step of every neuron and input (a profile run); empty means
  /// 1 for each.
  std::vector<double> rate;

  /// Neurons and inputs: what fires.
  uint32_t numSources() const { return numNeurons + numInputs; }
  uint32_t numPres() const { return numSources() + uint32_t(copyOf.size()); }
  uint64_t numSynapses() const { return post.size(); }
  /// The neuron or input that fires pre `p`.
  uint32_t sourceOf(uint32_t p) const {
    return p < numSources() ? p : copyOf[p - numSources()];
  }
  /// Whether pre `p` is (a copy of) an on-chip neuron.
  bool fromNeuron(uint32_t p) const { return sourceOf(p) < numNeurons; }
  double rateOf(uint32_t p) const {
    return rate.empty() ? 1.0 : rate[sourceOf(p)];
  }
  /// CSR of every neuron's copies: those of neuron n are
  /// copies[start[n] .. start[n+1]) (pre indices).
  void copiesOfNeurons(std::vector<uint32_t> &start,
                       std::vector<uint32_t> &copies) const;

  /// Appends a population of `count` neurons; returns its first neuron.
  uint32_t addPopulation(std::string name, std::string model, uint32_t count,
                         uint32_t synapseBits = 8);
  /// Builds the CSR from (pre, post) pairs; populations, numInputs and
  /// copyOf must be set first.
  void setSynapses(std::vector<std::pair<uint32_t, uint32_t>> synapses);
  /// The population index of every neuron.
  std::vector<uint32_t> populationOfNeurons() const;
  /// The model index of every population, models numbered in order of first
  /// appearance; their names go to *models.
  std::vector<uint32_t> modelOfPopulations(
      std::vector<std::string> *models = nullptr) const;
  /// "" when the structure is consistent, else what is wrong.
  std::string checkStructure() const;
};

/// What one core uses.
struct CoreUse {
  uint32_t neurons = 0;
  uint32_t inputAxons = 0;
  uint32_t outputAxons = 0;
  uint64_t synapseBits = 0;
};

/// Figures of an assignment, measured from scratch by verifyPartition.
struct MappingStats {
  uint32_t numCores = 0;
  std::vector<CoreUse> use;
  /// Sum over pres of rate x distinct cores reached other than its own
  /// (an input reaches every core it feeds): the mesh traffic the
  /// strategies minimize.
  double interCoreSpikes = 0;
  /// The part of interCoreSpikes that comes from the network's inputs (the
  /// host), which no partition avoids: reports show it apart, so that a
  /// network on one core has 0 spikes between cores.
  double inputSpikes = 0;
};

/// The lower bound on cores: per model, the max over resources of
/// ceil(total / per-core limit), summed over models.
struct LowerBound {
  uint32_t cores = 0;
  /// The resource that set it for the model needing most cores.
  std::string binding;
  /// Each model's bound, in order of first appearance.
  std::vector<std::pair<std::string, uint32_t>> perModel;
};
LowerBound lowerBoundOnCores(const Network &net,
                             const target::CoreLimits &core);

/// One strategy's outcome.
struct StrategyResult {
  std::string name;
  /// Empty on success; else why the strategy did not apply or failed.
  std::string failure;
  /// Also given when the result only needs more cores than the chip has.
  uint32_t cores = 0;
  double interCoreSpikes = 0;
  double seconds = 0;
};

struct Partition {
  std::vector<int32_t> coreOf; ///< per neuron
  std::string strategy;        ///< the one that won
  MappingStats stats;
  LowerBound lowerBound;
  std::vector<StrategyResult> tried;
};

struct PartitionOptions {
  bool sequential = true; ///< (c) the naive fill in index order
  bool layers = true;     ///< (a) layer slicing, when the populations are a DAG
  bool metis = true;      ///< (b) METIS k-way then repair
  /// Whole-core clusters by label propagation (recurrent networks).
  bool clusters = true;
  /// Each population in consecutive blocks of core.neurons neurons, a core
  /// each: the cores nc-legalize-truenorth plans its axon copies and
  /// splitters for.
  bool blocks = true;
  /// Groups with more synapses than this are coarsened (size-constrained
  /// label propagation) before METIS.
  uint64_t coarsenAbove = 4'000'000;
  /// Above this many synapses METIS runs only when no other strategy fits
  /// (it takes tens of seconds at 100M synapses; the fills take a few).
  uint64_t metisOnlyIfNeededAbove = 4'000'000;
  int seed = 1;
};

using PartitionOrError = std::variant<Partition, std::string>;

/// Assigns neurons to cores; picks the strategy giving the fewest cores, then
/// the fewest inter-core spikes. Fails with a message naming the limit and
/// the numbers when the network cannot fit.
PartitionOrError partitionNetwork(const Network &net,
                                  const target::TargetDesc &target,
                                  const PartitionOptions &options = {});

/// Checks every limit of `target` for `coreOf` from scratch: cores in
/// 0..mesh.cores-1 and used without gaps, one model per core, per-core
/// neurons, input and output axons, synapse memory, per-neuron fan-in and
/// fan-out. Returns "" when all hold (filling *stats), else the first broken
/// rule with its numbers.
std::string verifyPartition(const Network &net,
                            const target::TargetDesc &target,
                            const std::vector<int32_t> &coreOf,
                            MappingStats *stats = nullptr);

} // namespace spikec::mapping

#endif // SPIKEC_MAPPING_MAPPING_H
