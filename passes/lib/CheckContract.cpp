//===- CheckContract.cpp - nc-check-contract: the target pipeline's output
//-===//
//
// The stages after snn-quantize and the legalizations read nc.graphs on
// trust: the mapper sizes cores from the target, the image writer packs
// weights in the target's width, the executors look models up in the chip
// registry. This pass states that trust as checks, run once at the end of
// the target pipeline (Pipelines.cpp), so a graph that breaks it fails
// there, naming the op and the rule.
//
//===----------------------------------------------------------------------===//

#include "LegalizeCommon.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Target/Chip.h"
#include "spikec/Target/ModelTable.h"

namespace spikec {
#define GEN_PASS_DEF_CHECKCONTRACT
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;

namespace {

std::string chipModels(const target::Chip &chip) {
  std::string list;
  for (const nc::NCModel *m : chip.models)
    list += (list.empty() ? "" : ", ") + m->name.str();
  return list;
}

LogicalResult checkGraph(nc::GraphOp graph) {
  // The graph's own target, with the hash it was made with.
  auto loaded = legalize::loadGraphTarget(graph, "", std::nullopt);
  if (failed(loaded))
    return failure();
  const target::TargetDesc &desc = **loaded;
  const target::Chip *chip = target::lookupChip(desc.arithmetic);
  if (!chip)
    return graph.emitError()
           << "target '" << desc.name << "' computes in '" << desc.arithmetic
           << "' arithmetic, which no chip registers";
  for (Operation &op : graph.getBodyBlock()) {
    if (op.getDialect() != graph->getDialect())
      return op.emitError() << describeOp(&op, /*qualified=*/true)
                            << " is not an nc op: the target pipeline left "
                               "it unlowered";
    if (auto pop = dyn_cast<nc::PopulationOp>(op)) {
      bool runs = llvm::any_of(chip->models, [&](const nc::NCModel *m) {
        return m->name == pop.getModel();
      });
      if (!runs)
        return pop.emitError()
               << describeOp(pop) << " runs model '" << pop.getModel()
               << "', which " << desc.name << "'s arithmetic ('"
               << desc.arithmetic << "') does not run (it runs "
               << chipModels(*chip) << ")";
    }
    if (auto syn = dyn_cast<nc::SynapsesOp>(op)) {
      int64_t bits = syn.getWeightBits();
      if (bits > desc.precision.weight.bits.value)
        return syn.emitError()
               << describeOp(syn) << " has " << bits << "-bit weights; "
               << desc.name << "'s synapses hold "
               << desc.precision.weight.bits.value;
      const auto &maxDelay = desc.core.maxSynapticDelay;
      if (maxDelay && int64_t(syn.getDelay()) > maxDelay->value)
        return syn.emitError()
               << describeOp(syn) << " has a delay of " << syn.getDelay()
               << " steps; " << desc.name << "'s synaptic delays reach "
               << maxDelay->value;
    }
  }
  return success();
}

struct CheckContractPass : spikec::impl::CheckContractBase<CheckContractPass> {
  void runOnOperation() override {
    bool ok = true;
    for (auto net : getOperation().getOps<snn::NetworkOp>()) {
      net.emitError() << "snn.network @" << net.getSymName()
                      << " was not lowered to an nc.graph";
      ok = false;
    }
    for (auto graph : getOperation().getOps<nc::GraphOp>())
      ok &= succeeded(checkGraph(graph));
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
