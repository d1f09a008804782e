//===- MapNetwork.cpp - an nc.graph as a mapping problem ------------------===//

#include "MapNetwork.h"
#include "LegalizeCommon.h"
#include "QuantizeScale.h"

#include "spikec/Image/Image.h"
#include "spikec/Support/LocationName.h"


#include <cmath>

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace spikec::mapnet {

SmallVector<PopulationOp> consumersOf(SynapsesOp table) {
  SmallVector<PopulationOp> out;
  SmallVector<Value> work{table.getResult()};
  while (!work.empty()) {
    Value v = work.pop_back_val();
    for (Operation *user : v.getUsers()) {
      if (auto pop = dyn_cast<PopulationOp>(user))
        out.push_back(pop);
      else if (auto sum = dyn_cast<SumOp>(user))
        work.push_back(sum.getResult());
    }
  }
  return out;
}

/// Fills g.net.rate from the nodes' `rates`, when any node has them.
static LogicalResult readRates(GraphOp graph, GraphNetwork &g) {
  SmallVector<Operation *> nodes;
  for (PopulationOp pop : g.populations)
    nodes.push_back(pop);
  for (InputOp in : g.inputs)
    nodes.push_back(in);
  bool any = llvm::any_of(
      nodes, [](Operation *op) { return op->hasAttr("rates"); });
  if (!any)
    return success();
  g.net.rate.assign(g.net.numSources(), 0.0);
  for (Operation *op : nodes) {
    int64_t size = cast<RankedTensorType>(op->getResult(0).getType())
                       .getNumElements();
    auto attr = dyn_cast_or_null<DenseF32ResourceElementsAttr>(
        op->getAttr("rates"));
    auto data = attr ? attr.tryGetAsArrayRef() : std::nullopt;
    if (!data || int64_t(data->size()) != size)
      return op->emitError()
             << "needs 'rates' (" << size
             << " f32 events per step) like the graph's other nodes";
    for (int64_t i = 0; i < size; ++i) {
      float r = (*data)[i];
      if (!(r >= 0) || !std::isfinite(r))
        return op->emitError() << "rate " << formatNumber(r)
                               << " of element " << i
                               << " is not a finite number >= 0";
      g.net.rate[g.base.lookup(op) + i] = r;
    }
  }
  return success();
}

FailureOr<GraphNetwork> buildNetwork(GraphOp graph, int64_t defaultWeightBits) {
  GraphNetwork g;
  Block &body = graph.getBodyBlock();
  // A population's synapse bits: the widest table into it (a typed table's
  // synapse is one crossbar bit).
  llvm::DenseMap<Operation *, uint32_t> bits;
  uint64_t numSynapses = 0;
  for (auto syn : body.getOps<SynapsesOp>()) {
    uint32_t b = image::synapseMemoryBits(uint32_t(syn.getWeightBits()),
                                          bool(syn.getAxonTypesAttr()));
    for (PopulationOp pop : consumersOf(syn))
      bits[pop] = std::max<uint32_t>(bits.lookup(pop), b);
    numSynapses += uint64_t(syn.getTargets().getType().getNumElements());
  }
  for (auto pop : body.getOps<PopulationOp>()) {
    uint32_t b = bits.lookup(pop);
    g.base[pop] = g.net.addPopulation(
        nameOfLocation(pop.getLoc()), pop.getModel().str(),
        uint32_t(pop.getSize()), b ? b : uint32_t(defaultWeightBits));
    g.populations.push_back(pop);
  }
  uint32_t next = g.net.numNeurons;
  for (auto in : body.getOps<InputOp>()) {
    g.base[in] = next;
    next += uint32_t(cast<RankedTensorType>(in.getType()).getNumElements());
    g.inputs.push_back(in);
  }
  g.net.numInputs = next - g.net.numNeurons;

  std::vector<std::pair<uint32_t, uint32_t>> synapses;
  synapses.reserve(numSynapses);
  std::vector<uint8_t> hasAxon(g.net.numSources(), 0);
  constexpr uint32_t kNone = ~0u;
  for (auto syn : body.getOps<SynapsesOp>()) {
    Operation *src = syn.getInput().getDefiningOp();
    if (!src || !g.base.count(src))
      return syn.emitError() << "synapse table reads neither an nc.input "
                                "nor an nc.population";
    SmallVector<PopulationOp> posts = consumersOf(syn);
    if (posts.size() != 1)
      return syn.emitError() << "synapse table feeds " << posts.size()
                             << " populations; mapping needs exactly one";
    auto offsets = syn.getOffsets().tryGetAsArrayRef();
    auto targets = syn.getTargets().tryGetAsArrayRef();
    std::optional<ArrayRef<int32_t>> types;
    if (auto t = syn.getAxonTypesAttr())
      types = t.tryGetAsArrayRef();
    if (!offsets || !targets || (syn.getAxonTypesAttr() && !types))
      return syn.emitError() << "synapse table has no data";
    uint32_t preBase = g.base[src], postBase = g.base[posts.front()];
    uint32_t kinds = GraphNetwork::axonKinds(syn);
    std::vector<uint32_t> &axonPre = g.axonPre[syn];
    axonPre.assign((offsets->size() - 1) * kinds, kNone);
    for (size_t p = 0; p + 1 < offsets->size(); ++p)
      for (int32_t k = (*offsets)[p]; k < (*offsets)[p + 1]; ++k) {
        uint32_t &pre = axonPre[p * kinds + (types ? (*types)[k] : 0)];
        if (pre == kNone) {
          uint32_t element = preBase + uint32_t(p);
          if (!hasAxon[element]) {
            hasAxon[element] = 1;
            pre = element;
          } else {
            pre = g.net.numPres();
            g.net.copyOf.push_back(element);
          }
        }
        synapses.push_back({pre, postBase + uint32_t((*targets)[k])});
      }
  }
  g.net.setSynapses(std::move(synapses));
  if (failed(readRates(graph, g)))
    return failure();
  std::string why = g.net.checkStructure();
  if (!why.empty())
    return graph.emitError() << "cannot map the graph: " << why;
  return g;
}


FailureOr<std::vector<int32_t>> coreOfNeurons(const GraphNetwork &g,
                                              uint32_t &numCores) {
  std::vector<int32_t> coreOf(g.net.numNeurons, -1);
  numCores = 0;
  for (PopulationOp pop : g.populations) {
    auto cores = dyn_cast_or_null<DenseI32ResourceElementsAttr>(
        pop->getAttr("cores"));
    auto data = cores ? cores.tryGetAsArrayRef() : std::nullopt;
    if (!data || int64_t(data->size()) != pop.getSize())
      return pop.emitError() << "has no 'cores' for every neuron: run "
                                "nc-partition first";
    uint32_t first = g.base.lookup(pop);
    for (size_t i = 0; i < data->size(); ++i) {
      if ((*data)[i] < 0)
        return pop.emitError() << "neuron " << i << " has no core";
      coreOf[first + i] = (*data)[i];
      numCores = std::max<uint32_t>(numCores, uint32_t((*data)[i]) + 1);
    }
  }
  return coreOf;
}

FailureOr<MappedGraph> loadProblem(GraphOp graph, StringRef targetOption) {
  auto desc = legalize::loadGraphTarget(graph, targetOption, std::nullopt);
  if (failed(desc))
    return failure();
  auto problem = buildNetwork(graph, (*desc)->precision.weight.bits.value);
  if (failed(problem))
    return failure();
  return MappedGraph{std::move(*desc), std::move(*problem)};
}

} // namespace spikec::mapnet
