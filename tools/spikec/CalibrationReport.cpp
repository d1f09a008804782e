//===- CalibrationReport.cpp - float vs quantized on sample inputs --------===//

#include "CalibrationReport.h"

#include "spikec/IO/SpikeFiles.h"
#include "spikec/Reference/Agreement.h"
#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Support/JSONWrite.h"
#include "spikec/Support/OutputFile.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

using namespace mlir;

namespace spikec::driver {

FailureOr<CalibrationRun> runFloatOnSamples(snn::NetworkOp net,
                                            const std::string &path) {
  CalibrationRun run;
  run.path = path;
  auto rows = io::readInputFile(path, io::getInputSpecs(net), net.getContext());
  if (failed(rows))
    return failure();
  run.rows = std::move(*rows);
  for (auto &[name, r] : run.rows)
    run.timesteps = run.timesteps ? std::min<int64_t>(run.timesteps, r.size())
                                  : int64_t(r.size());
  ref::SimOptions options;
  options.sync = snn::Sync::Hardware;
  options.timesteps = run.timesteps;
  for (Operation &op : net.getBodyBlock())
    if (auto neuron = dyn_cast<snn::NeuronOpInterface>(op);
        neuron && neuron.isSpiking() && !spikec::nodeName(&op).empty() &&
        !isa<snn::InputOp>(op)) {
      run.populations.push_back(spikec::nodeName(&op));
      options.probes.push_back(run.populations.back() + ":out");
    }
  auto trace = ref::simulate(net, run.rows, options);
  if (failed(trace))
    return failure();
  run.floatTrace = std::move(*trace);
  return run;
}

LogicalResult reportAgreement(nc::GraphOp graph, CalibrationRun &run,
                              const std::string &reportPath,
                              llvm::raw_ostream *summary) {
  // Only populations the graph still has under their name (legalization may
  // have split or renamed some).
  std::vector<std::string> names;
  for (auto pop : graph.getBodyBlock().getOps<nc::PopulationOp>()) {
    std::string name = spikec::nodeName(pop);
    if (llvm::is_contained(run.populations, name))
      names.push_back(name);
  }
  ref::QSimOptions options;
  options.timesteps = run.timesteps;
  for (const std::string &n : names)
    options.probes.push_back(n + ":out");
  auto quantized = ref::simulateQuantized(graph, run.rows, options);
  if (failed(quantized))
    return failure();

  using json = nlohmann::json; // objects print sorted, as the report was
  json pops = json::array();
  if (summary)
    *summary << "calibration samples " << run.path << ", " << run.timesteps
             << " steps: float vs quantized spikes\n"
             << "population                  float  quantized    exact    count"
                "  overflows\n";
  for (const std::string &n : names) {
    ref::SpikeAgreement a =
        ref::compareSpikes(run.floatTrace.probes.at(n + ":out"),
                           quantized->probes.at(n + ":out"));
    uint64_t overflows = quantized->overflowsPerNode.count(n)
                             ? quantized->overflowsPerNode.at(n)
                             : 0;
    pops.push_back(json{
        {"population", n},
        {"float_spikes", int64_t(a.spikesA)},
        {"quantized_spikes", int64_t(a.spikesB)},
        {"exact_agreement", a.exact},
        {"count_agreement", a.count},
        {"overflows", int64_t(overflows)}});
    if (summary)
      *summary << llvm::format("%-24s %9llu %10llu %8.4f %8.4f %10llu\n",
                               n.c_str(), (unsigned long long)a.spikesA,
                               (unsigned long long)a.spikesB, a.exact, a.count,
                               (unsigned long long)overflows);
  }
  if (reportPath.empty())
    return success();

  auto buffer = llvm::MemoryBuffer::getFile(reportPath);
  if (!buffer)
    return graph.emitError() << "cannot read the quantization report '"
                             << reportPath << "'";
  json root = json::parse((*buffer)->getBuffer().str(), nullptr,
                          /*allow_exceptions=*/false);
  if (!root.is_object())
    return graph.emitError() << "the quantization report '" << reportPath
                             << "' is not a JSON object";
  root["calibration"] = {{"samples", run.path},
                         {"timesteps", run.timesteps},
                         {"timing", "hardware"},
                         {"populations", std::move(pops)}};
  std::string why = writeFileAtomically(reportPath, [&](llvm::raw_ostream &os) {
    os << reportText(std::move(root));
    return std::string();
  });
  if (!why.empty())
    return graph.emitError() << "the quantization report: " << why;
  return success();
}

} // namespace spikec::driver
