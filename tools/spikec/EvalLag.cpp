//===- EvalLag.cpp - spikec eval: hardware timing's lag -------------------===//

#include "EvalLag.h"

#include "spikec/Support/StepLag.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <vector>

using namespace mlir;

namespace spikec::driver {

int64_t graphLag(nc::GraphOp graph) {
  llvm::DenseMap<Operation *, uint32_t> id;
  for (Operation &op : graph.getBodyBlock())
    id.try_emplace(&op, uint32_t(id.size()));
  std::vector<StepEdge> edges;
  std::vector<uint32_t> outputs;
  for (Operation &op : graph.getBodyBlock()) {
    int64_t delay = 0;
    if (auto syn = dyn_cast<nc::SynapsesOp>(op))
      delay = syn.getDelay();
    for (Value in : op.getOperands()) {
      Operation *def = in.getDefiningOp();
      if (!def || !id.count(def))
        continue;
      bool fires = isa<nc::InputOp, nc::PopulationOp>(def);
      edges.push_back({id[def], id[&op],
                       (fires && !isa<nc::OutputOp>(op) ? 1 : 0) + delay});
    }
    if (isa<nc::OutputOp>(op))
      outputs.push_back(id[&op]);
  }
  std::optional<int64_t> lag =
      longestStepPath(uint32_t(id.size()), edges, {}, outputs);
  return lag ? *lag : -1;
}

int64_t imageLag(const image::Image &img) {
  std::vector<uint32_t> axonBase, neuronBase;
  uint32_t nodes = 1; // node 0: the host
  for (const image::Core &core : img.cores) {
    axonBase.push_back(nodes);
    nodes += core.numAxons();
    neuronBase.push_back(nodes);
    nodes += core.numNeurons;
  }
  std::vector<StepEdge> edges;
  auto send = [&](uint32_t from, const image::Endpoint &d) {
    const image::Core &core = img.cores[d.core];
    edges.push_back({from, axonBase[d.core] + d.index,
                     1 + int64_t(core.groups[core.axonGroup[d.index]].delay)});
  };
  for (const image::Input &in : img.inputs)
    for (const image::Endpoint &d : in.dests)
      send(0, d);
  for (size_t c = 0; c < img.cores.size(); ++c) {
    const image::Core &core = img.cores[c];
    for (uint32_t a = 0; a < core.numAxons(); ++a)
      for (uint32_t s = core.axonOffsets[a]; s < core.axonOffsets[a + 1]; ++s)
        edges.push_back(
            {axonBase[c] + a, neuronBase[c] + core.synTarget[s], 0});
    for (uint32_t n = 0; n < core.numNeurons; ++n)
      for (uint32_t r = core.routeOffsets[n]; r < core.routeOffsets[n + 1]; ++r)
        send(neuronBase[c] + n, core.routes[r]);
  }
  std::vector<uint32_t> outputs;
  for (const image::Output &out : img.outputs)
    for (const image::Endpoint &s : out.sources)
      outputs.push_back(neuronBase[s.core] + s.index);
  std::optional<int64_t> lag = longestStepPath(nodes, edges, {0}, outputs);
  return lag ? *lag : -1;
}

} // namespace spikec::driver
