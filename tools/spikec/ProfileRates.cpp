//===- ProfileRates.cpp - firing rates for the partitioner ----------------===//

#include "ProfileRates.h"

#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Support/LocationName.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace spikec::driver {

LogicalResult attachProfileRates(nc::GraphOp graph, llvm::StringRef path) {
  std::vector<io::InputSpec> specs = io::getInputSpecs(graph);
  auto rows = io::readInputFile(path, specs, graph.getContext());
  if (failed(rows))
    return failure();
  int64_t steps = rows->empty() ? 0 : int64_t(rows->begin()->second.size());
  if (steps == 0)
    return graph.emitError() << "--profile='" << path
                             << "' has no rows to run";

  // Every population and input is probed by its name.
  SmallVector<Operation *> nodes;
  for (Operation &op : graph.getBodyBlock())
    if (isa<nc::PopulationOp, nc::InputOp>(op))
      nodes.push_back(&op);
  ref::QSimOptions options;
  options.timesteps = steps;
  llvm::StringSet<> names;
  for (Operation *op : nodes) {
    std::string name = spikec::nodeName(op);
    if (name.empty() || !names.insert(name).second)
      return op->emitError()
             << "cannot profile: nodes need distinct names to be probed ('"
             << name << "')";
    options.probes.push_back(name + ":out");
  }
  auto trace = ref::simulateQuantized(graph, *rows, options);
  if (failed(trace))
    return failure();

  for (auto [op, probe] : llvm::zip(nodes, options.probes)) {
    const ref::Rows &r = trace->probes.at(probe);
    std::vector<float> rate(r.empty() ? 0 : r.front().size(), 0.f);
    for (const auto &row : r)
      for (size_t i = 0; i < row.size(); ++i)
        rate[i] += row[i] != 0 ? 1.f : 0.f;
    for (float &x : rate)
      x /= float(steps);
    std::string name = spikec::nodeName(op);
    op->setAttr("rates",
                snn::makeWeight(graph.getContext(), name + ".rates",
                                {int64_t(rate.size())}, rate));
  }
  return success();
}

} // namespace spikec::driver
