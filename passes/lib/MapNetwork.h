//===- MapNetwork.h - an nc.graph as a mapping problem ----------*- C++ -*-===//
//
// Private to SpikecPasses: nc-partition, nc-place and nc-route see the
// nc.graph through the mapping library's Network (passes/include/spikec/
// Mapping/Mapping.h): its populations in op order are the neurons, its
// nc.input elements the off-chip inputs, its synapse tables the synapses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_MAPNETWORK_H
#define SPIKEC_PASSES_LIB_MAPNETWORK_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Mapping/Mapping.h"

#include "llvm/ADT/DenseMap.h"

namespace spikec::mapnet {

struct GraphNetwork {
  mapping::Network net;
  /// The first global index of each population's neurons and of each
  /// input's elements (inputs start at net.numNeurons).
  llvm::DenseMap<mlir::Operation *, uint32_t> base;
  llvm::SmallVector<nc::PopulationOp> populations;
  llvm::SmallVector<nc::InputOp> inputs;
  /// Per synapse table: the pre (axon source, Mapping.h) through which
  /// element p's synapses of axon type t enter a core, at p * axonKinds(table)
  /// + t. The first (table, type) of an element uses the element's own pre,
  /// later ones copies, so one axon carries one table's synapses of one type.
  llvm::DenseMap<mlir::Operation *, std::vector<uint32_t>> axonPre;

  static uint32_t axonKinds(nc::SynapsesOp table) {
    return table.getAxonTypesAttr() ? 4 : 1;
  }
};

/// Builds the mapping problem of `graph`; errors (on the graph) when a
/// synapse table has no data or feeds something other than a population
/// (directly or through nc.sum). Firing rates come from the nodes' `rates`
/// (events per step per element, a profile run; all nodes or none).
mlir::FailureOr<GraphNetwork> buildNetwork(nc::GraphOp graph,
                                           int64_t defaultWeightBits);

/// The core of every neuron from the populations' `cores` (nc-partition);
/// sets numCores to one more than the largest.
mlir::FailureOr<std::vector<int32_t>> coreOfNeurons(const GraphNetwork &g,
                                                    uint32_t &numCores);

/// The target a mapping pass works for (its option, else the graph's own;
/// the content hash checked) and the graph's mapping problem.
struct MappedGraph {
  nc::SharedTarget desc;
  GraphNetwork problem;
};
mlir::FailureOr<MappedGraph> loadProblem(nc::GraphOp graph,
                                         llvm::StringRef targetOption);

/// The population(s) a table's sums reach: through nc.sum to populations.
llvm::SmallVector<nc::PopulationOp> consumersOf(nc::SynapsesOp table);

} // namespace spikec::mapnet

#endif // SPIKEC_PASSES_LIB_MAPNETWORK_H
