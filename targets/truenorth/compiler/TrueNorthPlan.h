//===- TrueNorthPlan.h - what nc-legalize-truenorth decides -----*- C++ -*-===//
//
// Private to the truenorth compiler. The legalization is decided whole
// before the IR changes (so that an error leaves the graph as it was): the
// Plan reads the graph (collect), gives each synapse its axon type, checks
// every core block's axons, plans the splitters and retimes the graph
// (TrueNorthPlan.cpp). LegalizeTrueNorth.cpp writes the plan into the IR and
// the report.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_TRUENORTH_COMPILER_TRUENORTHPLAN_H
#define SPIKEC_TARGETS_TRUENORTH_COMPILER_TRUENORTHPLAN_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Target/Target.h"
#include "spikec/Target/TrueNorthModel.h"

#include "llvm/ADT/DenseMap.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::truenorth {

constexpr int kModelTypes = int(kNumAxonTypes);

/// The node's name, "<unnamed>" when it has none.
std::string shownName(mlir::Operation *op);

/// One graph's legalization, decided before the IR changes.
struct Plan {
  /// A synapse table into a truenorth population, CSR by pre neuron.
  struct Table {
    nc::SynapsesOp op;
    mlir::Operation *source = nullptr; ///< nc.input or nc.population
    size_t consumer = 0;               ///< index of the population it feeds
    int64_t preSize = 0;
    std::vector<int32_t> offsets, targets, weights, types;
    bool typed = false; ///< had axon_types already
    int64_t delay = 0;  ///< after retiming
    /// Per pre neuron: the destination axons it needs, (block, type) pairs
    /// in increasing order.
    std::vector<std::vector<std::pair<int32_t, int32_t>>> copies;
  };

  struct Population {
    nc::PopulationOp op;
    std::string name;
    int64_t size = 0;
    std::vector<size_t> tables;
    std::array<std::vector<int32_t>, kModelTypes> typeWeight;
    bool retype = false; ///< types assigned here
    int64_t latency = 0; ///< ticks behind the unlegalized graph
    // Report.
    int64_t maxAxons = 0, maxFanIn = 0, maxCopies = 0, maxLevels = 0;
    std::string splitter;
  };

  /// A population's splitter.
  struct Splitter {
    size_t source;                 ///< population index
    std::vector<size_t> consumers; ///< tables that read it
    std::vector<int32_t> base;     ///< first splitter neuron per source neuron
    std::vector<int32_t> count;    ///< splitter neurons per source neuron
    int64_t size = 0;
    nc::PopulationOp op; ///< made when the plan is written
  };

  /// `desc` must compute in the truenorth arithmetic; a population that
  /// snn-quantize approximated must have its approximation in `approx`.
  Plan(nc::GraphOp graph, nc::SharedTarget target,
       std::vector<std::string> approx);

  /// Decides everything, or errors on the graph (or a population) naming
  /// the limit; the IR is not changed either way.
  mlir::LogicalResult build();

  nc::GraphOp graph;
  nc::SharedTarget shared; ///< keeps desc alive
  const target::TargetDesc &desc;
  std::vector<std::string> approx;
  int64_t axonsPerCore = 0, neuronsPerCore = 0, fanOut = 0, numTypes = 0,
          weightMax = 0;
  std::vector<Population> pops;
  std::vector<Table> tables;
  llvm::DenseMap<mlir::Operation *, size_t> popIndex;
  std::vector<Splitter> splitters;

private:
  mlir::LogicalResult collect();
  mlir::LogicalResult assignTypes(Population &pop);
  mlir::LogicalResult checkCores(Population &pop);
  mlir::LogicalResult planSplitters();
  mlir::LogicalResult retime();

  mlir::InFlightDiagnostic fail(Population &pop) {
    return pop.op.emitError() << "layer " << pop.name << ": ";
  }
  std::string limits() const {
    return desc.name + "'s " + std::to_string(axonsPerCore) + " axons per core";
  }
};

} // namespace spikec::truenorth

#endif // SPIKEC_TARGETS_TRUENORTH_COMPILER_TRUENORTHPLAN_H
