//===- MappingInternal.h - shared pieces of the partition strategies -*- C++ -*-===//
//
// The network with its transpose (post -> pres), the greedy core filler that
// every strategy ends with (it enforces every hard limit incrementally), and
// the strategies' entry points.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_MAPPING_MAPPINGINTERNAL_H
#define SPIKEC_MAPPING_MAPPINGINTERNAL_H

#include "spikec/Mapping/Mapping.h"

#include <string>
#include <variant>
#include <vector>

namespace spikec::mapping::detail {

/// A network with what the strategies need precomputed.
struct Graph {
  const Network &net;
  std::vector<uint32_t> popOf;   ///< per neuron
  std::vector<uint32_t> modelOf; ///< per neuron: index into models
  std::vector<std::string> models;
  /// Transpose CSR: the pres of neuron n, ascending (duplicates kept: each
  /// is a synapse in memory, but only one input axon).
  std::vector<uint64_t> inStart;
  std::vector<uint32_t> pre;
  /// Every neuron's copies (Network::copiesOfNeurons).
  std::vector<uint32_t> copyStart, copies;

  explicit Graph(const Network &net);
  uint64_t fanIn(uint32_t n) const { return inStart[n + 1] - inStart[n]; }
  uint64_t synapseBits(uint32_t n) const {
    return fanIn(n) * net.populations[popOf[n]].synapseBits;
  }
  /// Calls f(p) for neuron n's pres: n itself, then its copies.
  template <typename F> void forPresOf(uint32_t n, F f) const {
    f(n);
    for (uint32_t i = copyStart[n]; i < copyStart[n + 1]; ++i)
      f(copies[i]);
  }
};

/// The order in which a strategy hands neurons to the filler.
struct FillPlan {
  std::vector<uint32_t> order;
  /// Index into `order` where each group (a layer, a METIS part) starts,
  /// ascending; empty: one group.
  std::vector<uint64_t> groupStart;
  enum class Break {
    Never,      ///< groups flow into each other
    IfNotFits,  ///< a new core for a group whose neurons exceed the room left
    Always,     ///< a new core for every group; neurons that overflow their
                ///< group's core wait and fill cores of their own at the end
  } breakMode = Break::Never;
};

/// Fills cores in plan order, a new core when the next neuron would break a
/// limit of the current one (or runs another model). Returns the core of
/// every neuron, or why a neuron fits no core given the ones already placed
/// (its fan-out, or a full core that its new destinations would add to),
/// or that the fill was abandoned for needing more than maxCores cores.
std::variant<std::vector<int32_t>, std::string>
fillCores(const Graph &g, const target::CoreLimits &lim, const FillPlan &plan,
          uint32_t maxCores = ~0u);

/// Clusters of whole-core size found by size-constrained label propagation
/// (each neuron joins the neighbouring cluster it is most connected to), a
/// group each: natural clusters of a recurrent graph stay whole, where
/// METIS's balance across exactly k parts would cut them.
FillPlan clusterPlan(const Graph &g, const target::CoreLimits &lim);

/// Strategy (b): METIS k-way per model, coarsened first when large, with
/// k = ceil(slack x the model's lower bound); returns the plans to fill (part
/// boundaries kept, and flowing).
std::variant<std::vector<FillPlan>, std::string>
metisPlans(const Graph &g, const target::CoreLimits &lim,
           const PartitionOptions &options, double slack);

} // namespace spikec::mapping::detail

#endif // SPIKEC_MAPPING_MAPPINGINTERNAL_H
