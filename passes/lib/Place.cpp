//===- Place.cpp - nc-place: cores to mesh positions ---------------------===//

#include "MapNetwork.h"

#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Mapping/Placement.h"
#include "spikec/Passes/Passes.h"

#include "mlir/IR/Builders.h"

namespace spikec {
#define GEN_PASS_DEF_PLACE
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;


namespace {

struct PlacePass : spikec::impl::PlaceBase<PlacePass> {
  using PlaceBase::PlaceBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    auto loaded = mapnet::loadProblem(graph, target);
    if (failed(loaded))
      return signalPassFailure();
    const target::TargetDesc *desc = loaded->desc.get();
    mapnet::GraphNetwork *problem = &loaded->problem;
    uint32_t numCores = 0;
    auto coreOf = mapnet::coreOfNeurons(*problem, numCores);
    if (failed(coreOf))
      return signalPassFailure();
    if (numCores > uint32_t(desc->mesh.cores.value)) {
      graph.emitError() << numCores << " cores do not fit " << desc->name
                        << "'s " << desc->mesh.cores.value;
      return signalPassFailure();
    }
    auto traffic = mapping::coreTraffic(problem->net, *coreOf, numCores);
    mapping::Placement placement =
        mapping::placeCores(numCores, traffic, desc->mesh);
    mapping::RouteStats routes =
        mapping::routeTraffic(traffic, placement, desc->mesh);
    std::vector<int32_t> xyz;
    for (const mapping::CorePos &p : placement.pos) {
      xyz.push_back(p.x);
      xyz.push_back(p.y);
      xyz.push_back(p.slot);
    }
    Builder b(&getContext());
    graph->setAttr("core_positions",
                   snn::makeIndexBlob(&getContext(),
                                      graph.getSymName().str() + ".positions",
                                      xyz));
    graph->setAttr(
        "placement",
        b.getDictionaryAttr(
            {b.getNamedAttr("cost", b.getF64FloatAttr(placement.cost)),
             b.getNamedAttr("initial_cost",
                            b.getF64FloatAttr(placement.initialCost)),
             b.getNamedAttr("average_hops",
                            b.getF64FloatAttr(routes.averageHops)),
             b.getNamedAttr("max_hops", b.getI64IntegerAttr(routes.maxHops))}));
  }
};

} // namespace
