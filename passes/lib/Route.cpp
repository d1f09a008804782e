//===- Route.cpp - nc-route: a placed nc.graph to an nc.chip -------------===//
//
// The cores' tables are built from the graph's synapse tables: in every core,
// one axon per pre of the mapping problem whose synapses reach it (a pre
// neuron or input element per table and TrueNorth axon type, MapNetwork.h),
// in that table's dendrite group, so that each core sums, scales and adds its
// tables exactly as nc.synapses and nc.sum do; every pre neuron (or input
// element) routes to each of its axons.
//
//===----------------------------------------------------------------------===//

#include "MapNetwork.h"

#include "spikec/Dialect/NC/NCModels.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <map>

namespace spikec {
#define GEN_PASS_DEF_ROUTE
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

struct CoreBuild {
  std::string model;
  std::vector<uint32_t> neurons; ///< global neuron ids, in local order
  std::vector<std::array<int32_t, 3>> groups; ///< bits, exp, delay
  std::map<Operation *, int32_t> groupOf;     ///< table -> group
  std::vector<int32_t> axonGroup, axonOffsets{0}, synTarget, synWeight,
      synType;
  bool typed = false;
  std::vector<std::vector<std::pair<int32_t, int32_t>>> routes; ///< local
};

struct RoutePass : spikec::impl::RouteBase<RoutePass> {
  using RouteBase::RouteBase;

  void runOnOperation() override {
    SmallVector<GraphOp> graphs(getOperation().getOps<GraphOp>());
    for (GraphOp g : graphs)
      if (failed(route(g)))
        return signalPassFailure();
  }

  LogicalResult route(GraphOp graph);
};

LogicalResult RoutePass::route(GraphOp graph) {
  auto loaded = mapnet::loadProblem(graph, target);
  if (failed(loaded))
    return failure();
  const target::TargetDesc *desc = loaded->desc.get();
  mapnet::GraphNetwork *problem = &loaded->problem;
  auto positions = dyn_cast_or_null<DenseI32ResourceElementsAttr>(
      graph->getAttr("core_positions"));
  auto pos = positions ? positions.tryGetAsArrayRef() : std::nullopt;
  if (!pos)
    return graph.emitError("has no core_positions: run nc-place first");
  uint32_t numCores = 0;
  auto coreOf = mapnet::coreOfNeurons(*problem, numCores);
  if (failed(coreOf))
    return failure();
  if (pos->size() != size_t(numCores) * 3)
    return graph.emitError() << "core_positions has " << pos->size() / 3
                             << " cores, the partition " << numCores;

  // Neurons of each core, in global order; each neuron's local index.
  std::vector<CoreBuild> cores(numCores);
  std::vector<uint32_t> local(problem->net.numNeurons);
  for (size_t i = 0; i < problem->populations.size(); ++i) {
    PopulationOp pop = problem->populations[i];
    uint32_t first = problem->base[pop];
    for (int64_t n = 0; n < pop.getSize(); ++n) {
      CoreBuild &c = cores[(*coreOf)[first + n]];
      c.model = pop.getModel().str();
      local[first + n] = uint32_t(c.neurons.size());
      c.neurons.push_back(first + uint32_t(n));
    }
  }
  for (CoreBuild &c : cores)
    c.routes.resize(c.neurons.size());
  // Destinations of every pre (neuron or input element), as (core, axon).
  std::vector<std::vector<std::pair<int32_t, int32_t>>> dests(
      problem->net.numPres());

  for (auto syn : graph.getBodyBlock().getOps<SynapsesOp>()) {
    PopulationOp post = mapnet::consumersOf(syn).front();
    uint32_t preBase = problem->base[syn.getInput().getDefiningOp()];
    uint32_t postBase = problem->base[post];
    auto offsets = *syn.getOffsets().tryGetAsArrayRef();
    auto targets = *syn.getTargets().tryGetAsArrayRef();
    auto weights = *syn.getWeights().tryGetAsArrayRef();
    std::optional<ArrayRef<int32_t>> types;
    if (auto t = syn.getAxonTypesAttr())
      types = t.tryGetAsArrayRef();
    const std::vector<uint32_t> &axonPre = problem->axonPre[syn];
    uint32_t kinds = mapnet::GraphNetwork::axonKinds(syn);
    // Scratch reused across elements: an element reaches few axons, so a
    // linear search over them beats a map built per element.
    std::vector<std::pair<int32_t, uint32_t>> axonKeys;
    std::vector<uint32_t> axonOfSyn, ks;
    for (size_t p = 0; p + 1 < offsets.size(); ++p) {
      // This element's synapses by (core of their post, pre of the mapping
      // problem): one axon each, as the partitioner counted them; axons in
      // order of their first synapse, synapses in table order.
      axonKeys.clear();
      axonOfSyn.clear();
      for (int32_t k = offsets[p]; k < offsets[p + 1]; ++k) {
        std::pair<int32_t, uint32_t> key{
            (*coreOf)[postBase + targets[k]],
            axonPre[p * kinds + (types ? (*types)[k] : 0)]};
        auto it = std::find(axonKeys.begin(), axonKeys.end(), key);
        axonOfSyn.push_back(uint32_t(it - axonKeys.begin()));
        if (it == axonKeys.end())
          axonKeys.push_back(key);
      }
      for (uint32_t a = 0; a < axonKeys.size(); ++a) {
        ks.clear();
        for (uint32_t i = 0; i < axonOfSyn.size(); ++i)
          if (axonOfSyn[i] == a)
            ks.push_back(uint32_t(offsets[p]) + i);
        int32_t core = axonKeys[a].first;
        CoreBuild &c = cores[core];
        auto [it, added] = c.groupOf.try_emplace(syn, int32_t(c.groups.size()));
        if (added)
          c.groups.push_back({int32_t(syn.getWeightBits()),
                              int32_t(syn.getWeightExp()),
                              int32_t(syn.getDelay())});
        int32_t axon = int32_t(c.axonGroup.size());
        c.axonGroup.push_back(it->second);
        for (uint32_t k : ks) {
          c.synTarget.push_back(int32_t(local[postBase + targets[k]]));
          c.synWeight.push_back(weights[k]);
          c.synType.push_back(types ? (*types)[k] : 0);
          c.typed |= types.has_value();
        }
        c.axonOffsets.push_back(int32_t(c.synTarget.size()));
        dests[preBase + p].push_back({core, axon});
      }
    }
  }
  for (uint32_t n = 0; n < problem->net.numNeurons; ++n)
    cores[(*coreOf)[n]].routes[local[n]] = dests[n];

  // Every population's parameters, read once, in its model's order.
  std::vector<uint32_t> popOf = problem->net.populationOfNeurons();
  std::vector<std::vector<std::vector<int32_t>>> popParams;
  for (PopulationOp pop : problem->populations) {
    auto &values = popParams.emplace_back();
    for (StringRef pname : lookupNCModel(pop.getModel())->params)
      values.push_back(
          *readModelParam(pop.getParams(), pname, pop.getSize()));
  }

  // The chip.
  MLIRContext *ctx = &getContext();
  OpBuilder b(graph);
  const target::CoreLimits &lim = desc->core;
  auto limits = b.getDictionaryAttr(
      {b.getNamedAttr("neurons", b.getI64IntegerAttr(lim.neurons.value)),
       b.getNamedAttr("input_axons", b.getI64IntegerAttr(lim.inputAxons.value)),
       b.getNamedAttr("output_axons",
                      b.getI64IntegerAttr(lim.outputAxons.value)),
       b.getNamedAttr("synapse_memory_bits",
                      b.getI64IntegerAttr(lim.synapseMemoryBits.value)),
       b.getNamedAttr("max_fan_in", b.getI64IntegerAttr(lim.maxFanIn.value)),
       b.getNamedAttr("max_fan_out",
                      b.getI64IntegerAttr(lim.maxFanOut.value))});
  std::string name = graph.getSymName().str();
  auto chip = b.create<ChipOp>(
      graph.getLoc(), name, graph.getTarget(), graph.getTargetHash(),
      ArrayRef<int64_t>{desc->mesh.width.value, desc->mesh.height.value,
                        desc->mesh.coresPerTile.value},
      limits);
  if (auto dt = graph.getDtAttr())
    chip.setDtAttr(dt);
  // The partition's and placement's figures travel on for the report.
  for (StringRef kept : {"partition", "placement"})
    if (Attribute a = graph->getAttr(kept))
      chip->setAttr(kept, a);
  b.setInsertionPointToStart(&chip.getBodyBlock());
  // The core's vectors move into their blobs.
  auto blob = [&](const std::string &what, std::vector<int32_t> &&v) {
    return snn::makeIndexBlob(ctx, name + "." + what, std::move(v));
  };
  for (uint32_t k = 0; k < numCores; ++k) {
    CoreBuild &c = cores[k];
    std::string tag = "c" + std::to_string(k);
    // Parameters of the core's neurons, gathered from their populations.
    SmallVector<NamedAttribute> params;
    const NCModel *model = lookupNCModel(c.model);
    for (auto [k, pname] : llvm::enumerate(model->params)) {
      std::vector<int32_t> values;
      for (uint32_t n : c.neurons) {
        uint32_t p = popOf[n];
        values.push_back(popParams[p][k][n - problem->net.populations[p].first]);
      }
      Attribute a;
      if (std::all_of(values.begin(), values.end(),
                      [&](int32_t v) { return v == values[0]; }))
        a = b.getI64IntegerAttr(values.empty() ? 0 : values[0]);
      else
        a = blob(tag + "." + pname.str(), std::move(values));
      params.push_back(b.getNamedAttr(pname, a));
    }
    std::vector<int32_t> bits, exps, delays, routeOffsets{0}, routeCore,
        routeAxon;
    for (auto &g : c.groups) {
      bits.push_back(g[0]);
      exps.push_back(g[1]);
      delays.push_back(g[2]);
    }
    for (auto &r : c.routes) {
      for (auto [core, axon] : r) {
        routeCore.push_back(core);
        routeAxon.push_back(axon);
      }
      routeOffsets.push_back(int32_t(routeCore.size()));
    }
    auto core = b.create<CoreOp>(
        graph.getLoc(), b.getI64IntegerAttr(k),
        b.getDenseI64ArrayAttr({(*pos)[3 * k], (*pos)[3 * k + 1],
                                (*pos)[3 * k + 2]}),
        b.getStringAttr(c.model), b.getI64IntegerAttr(c.neurons.size()),
        b.getDictionaryAttr(params), b.getDenseI32ArrayAttr(bits),
        b.getDenseI32ArrayAttr(exps), b.getDenseI32ArrayAttr(delays),
        blob(tag + ".axon_group", std::move(c.axonGroup)),
        blob(tag + ".axon_offsets", std::move(c.axonOffsets)),
        blob(tag + ".syn_target", std::move(c.synTarget)),
        blob(tag + ".syn_weight", std::move(c.synWeight)),
        c.typed ? blob(tag + ".syn_axon_type", std::move(c.synType))
                : DenseI32ResourceElementsAttr(),
        blob(tag + ".route_offsets", std::move(routeOffsets)),
        blob(tag + ".route_core", std::move(routeCore)),
        blob(tag + ".route_axon", std::move(routeAxon)));
    (void)core;
  }
  for (InputOp in : problem->inputs) {
    uint32_t base = problem->base[in];
    int64_t width = cast<RankedTensorType>(in.getType()).getNumElements();
    std::vector<int32_t> offsets{0}, dc, da;
    for (int64_t e = 0; e < width; ++e) {
      for (auto [core, axon] : dests[base + e]) {
        dc.push_back(core);
        da.push_back(axon);
      }
      offsets.push_back(int32_t(dc.size()));
    }
    std::string tag = "in." + in.getName().str();
    b.create<InOp>(in.getLoc(), in.getNameAttr(), b.getI64IntegerAttr(width),
                   in.getEncoderAttr(),
                   blob(tag + ".offsets", std::move(offsets)),
                   blob(tag + ".dest_core", std::move(dc)),
                   blob(tag + ".dest_axon", std::move(da)),
                   in.getShapeAttr());
  }
  for (auto out : graph.getBodyBlock().getOps<OutputOp>()) {
    auto pop = out.getInput().getDefiningOp<PopulationOp>();
    if (!pop)
      return out.emitError() << "output '" << out.getName()
                             << "' reads no population; only neurons are "
                                "mapped onto cores";
    uint32_t base = problem->base[pop];
    std::vector<int32_t> sc, sn;
    for (int64_t e = 0; e < pop.getSize(); ++e) {
      sc.push_back((*coreOf)[base + e]);
      sn.push_back(int32_t(local[base + e]));
    }
    std::string tag = "out." + out.getName().str();
    b.create<OutOp>(out.getLoc(), out.getNameAttr(),
                    b.getI64IntegerAttr(pop.getSize()),
                    blob(tag + ".src_core", std::move(sc)),
                    blob(tag + ".src_neuron", std::move(sn)));
  }
  graph.getBodyBlock().dropAllDefinedValueUses();
  graph.erase();
  return success();
}

} // namespace
