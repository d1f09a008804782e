//===- Partition.cpp - nc-partition: neurons to cores --------------------===//

#include "MapNetwork.h"

#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"

namespace spikec {
#define GEN_PASS_DEF_PARTITION
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

struct PartitionPass : spikec::impl::PartitionBase<PartitionPass> {
  using PartitionBase::PartitionBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    auto loaded = mapnet::loadProblem(graph, target);
    if (failed(loaded))
      return signalPassFailure();
    const target::TargetDesc *desc = loaded->desc.get();
    mapnet::GraphNetwork *problem = &loaded->problem;
    auto result = mapping::partitionNetwork(problem->net, *desc);
    if (auto *why = std::get_if<std::string>(&result)) {
      graph.emitError() << "cannot partition for " << desc->name << ": "
                        << *why;
      return signalPassFailure();
    }
    const mapping::Partition &part = std::get<mapping::Partition>(result);
    MLIRContext *ctx = &getContext();
    Builder b(ctx);
    for (PopulationOp pop : problem->populations) {
      uint32_t first = problem->base[pop];
      std::vector<int32_t> cores(part.coreOf.begin() + first,
                                 part.coreOf.begin() + first + pop.getSize());
      std::string name = nameOfLocation(pop.getLoc());
      pop->setAttr("cores", snn::makeIndexBlob(
                                ctx, (name.empty() ? "pop" : name) + ".cores",
                                cores));
    }
    graph->setAttr(
        "partition",
        b.getDictionaryAttr(
            {b.getNamedAttr("strategy", b.getStringAttr(part.strategy)),
             // METIS's seed: the one strategy with a random start.
             b.getNamedAttr("seed", b.getI64IntegerAttr(
                                        mapping::PartitionOptions().seed)),
             b.getNamedAttr("cores", b.getI64IntegerAttr(part.stats.numCores)),
             b.getNamedAttr("lower_bound",
                            b.getI64IntegerAttr(part.lowerBound.cores)),
             b.getNamedAttr("binding",
                            b.getStringAttr(part.lowerBound.binding)),
             // Between cores only; the inputs' spikes into cores apart.
             b.getNamedAttr("inter_core_spikes",
                            b.getF64FloatAttr(part.stats.interCoreSpikes -
                                              part.stats.inputSpikes)),
             b.getNamedAttr("input_spikes",
                            b.getF64FloatAttr(part.stats.inputSpikes)),
             b.getNamedAttr("rates",
                            b.getStringAttr(problem->net.rate.empty()
                                                ? "uniform"
                                                : "profile"))}));
    numCores = part.stats.numCores;
  }
};

} // namespace
