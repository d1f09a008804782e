//===- SimulateCommand.cpp - spikec simulate: the float reference run -----===//
//
// Imports the network, infers shapes, discretizes it for --dt and runs the
// reference simulator (DESIGN.md section 3) on the input spike file(s). A
// network that imports as an nc.graph (lava-dl netx) is quantized already:
// it runs on the quantized reference as it is.
//
//===----------------------------------------------------------------------===//

#include "CalibrationReport.h"
#include "Driver.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"
#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Reference/Simulator.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"


#include <cmath>

#include "llvm/Support/Format.h"

#include <chrono>

using namespace mlir;
using namespace spikec;
namespace cl = llvm::cl;

namespace spikec::driver {

static cl::opt<bool> summaryOption(
    "summary",
    cl::desc("Print a summary of the run (spikes per population, work, speed)"),
    cl::init(false), cl::sub(simulateCommand));

/// A spiking population as the summary lists it.
struct PopulationInfo {
  std::string name;
  int64_t neurons;
};

/// The spiking populations of a float network, in op order.
static std::vector<PopulationInfo> populationsOf(snn::NetworkOp net) {
  std::vector<PopulationInfo> out;
  for (Operation &op : net.getBodyBlock())
    if (auto neuron = dyn_cast<snn::NeuronOpInterface>(op);
        neuron && neuron.isSpiking())
      out.push_back({spikec::nodeName(&op),
                     cast<RankedTensorType>(op.getResult(0).getType())
                         .getNumElements()});
  return out;
}

/// The populations of a quantized graph, in op order.
static std::vector<PopulationInfo> populationsOf(nc::GraphOp graph) {
  std::vector<PopulationInfo> out;
  for (auto pop : graph.getBodyBlock().getOps<nc::PopulationOp>())
    out.push_back({spikec::nodeName(pop), pop.getSize()});
  return out;
}

/// A run in which no spiking population ever fired is almost always a
/// network read in the wrong convention (a discrete-time file at the default
/// dt, thresholds in other units): say so, with the flags that fix it,
/// rather than hand back silent outputs.
static void warnIfSilent(const std::vector<PopulationInfo> &populations,
                         const ref::Trace &trace, bool quantized) {
  uint64_t spikes = 0, neurons = 0;
  for (const PopulationInfo &p : populations) {
    auto it = trace.spikesPerNode.find(p.name);
    spikes += it == trace.spikesPerNode.end() ? 0 : it->second;
    neurons += p.neurons;
  }
  if (populations.empty() || spikes != 0 || trace.timesteps == 0)
    return;
  llvm::errs() << "warning: no population spiked in " << trace.timesteps
               << " steps (" << populations.size() << " spiking populations, "
               << neurons << " neurons): if the file's parameters are per "
               << "step (discrete-time NIR, as Sinabs writes), import with "
               << "--nir-discrete; otherwise check --dt, the input's scale "
               << "and the thresholds' units"
               << (quantized ? ", and the quantization report (--quant-report)"
                             : "")
               << "\n";
}

/// What a run did, as a short table on stdout.
static void printSummary(StringRef name, StringRef how,
                         const std::vector<PopulationInfo> &populations,
                         const ref::Trace &trace, double dt, double seconds) {
  llvm::raw_ostream &os = llvm::outs();
  int64_t T = trace.timesteps;
  os << "network   " << name << "\n"
     << "run       " << T << " steps of dt = " << formatNumber(dt) << " s ("
     << formatNumber(T * dt * 1e3) << " ms of model time), " << how << "\n";
  os << "population                  neurons     spikes    rate (Hz)\n";
  for (const PopulationInfo &p : populations) {
    auto it = trace.spikesPerNode.find(p.name);
    if (it == trace.spikesPerNode.end())
      continue;
    double rate =
        T ? double(it->second) / (double(p.neurons) * T * dt) : 0.0;
    os << llvm::format("%-24s %10lld %10llu %12.1f\n", p.name.c_str(),
                       (long long)p.neurons, (unsigned long long)it->second,
                       rate);
  }
  const ref::SimStats &s = trace.stats;
  os << "synaptic events " << s.synapticEvents << ", neuron updates "
     << s.neuronUpdates << ", spikes " << s.spikes << "\n";
  os << llvm::format("wall time %.3f s: %.3g synaptic events/s, %.3g neuron "
                     "updates/s\n",
                     seconds, seconds > 0 ? s.synapticEvents / seconds : 0.0,
                     seconds > 0 ? s.neuronUpdates / seconds : 0.0);
}

static cl::list<std::string> inputFiles(
    "input",
    cl::desc("Input spike file (.json or .npy); NAME=FILE gives the rows of "
             "one input (repeat for several)"),
    cl::value_desc("file"), cl::sub(simulateCommand));
static cl::opt<int64_t> timestepsOption(
    "timesteps",
    cl::desc("Number of timesteps (default: the number of input rows)"),
    cl::value_desc("N"), cl::init(0), cl::sub(simulateCommand));
static cl::list<std::string>
    probeOptions("probe",
                 cl::desc("Record NODE:VAR every step (VAR is a state such "
                          "as v, i, a, u, or 'out')"),
                 cl::value_desc("node:var"), cl::sub(simulateCommand));
static cl::opt<std::string> outputOption(
    "output",
    cl::desc("Output file: .json (or - for stdout), or .npy for one file per "
             "output and probe"),
    cl::value_desc("file"), cl::init("-"), cl::sub(simulateCommand));
static cl::alias outputAlias("o", cl::desc("Alias for --output"),
                             cl::aliasopt(outputOption));

int runSimulate(MLIRContext &ctx) {
  // Flags first: nothing is read when they cannot work.
  if (!(dtOption > 0) || !std::isfinite(dtOption))
    return usageError("--dt must be a positive number of seconds, got " +
                      formatNumber(dtOption));
  if (timestepsOption.getNumOccurrences() && timestepsOption <= 0)
    return usageError("--timesteps must be > 0, got " +
                      std::to_string(timestepsOption));
  bool quantized = !targetOption.empty();
  if (std::string why = checkTargetFlags(quantized); !why.empty())
    return usageError(why);
  // A target runs the chip's timing.
  snn::Sync sync =
      quantized ? snn::Sync::Hardware : *snn::parseSync(syncOption);
  for (const std::string &probe : probeOptions) {
    size_t colon = probe.rfind(':');
    if (colon == std::string::npos || colon == 0 ||
        colon + 1 == probe.size())
      return usageError("--probe=" + probe + ": expected NODE:VAR");
  }
  if (inputFiles.empty())
    return usageError("no input: give --input=FILE");

  OwningOpRef<ModuleOp> module = loadNetwork(ctx);
  if (!module)
    return 1;
  auto nets = module->getBody()->getOps<snn::NetworkOp>();
  auto graphs = module->getBody()->getOps<nc::GraphOp>();
  // An importer that gives an nc.graph and no snn.network (lava-dl netx)
  // has quantized already: that graph runs as it is.
  nc::GraphOp imported;
  if (nets.empty() && std::distance(graphs.begin(), graphs.end()) == 1) {
    imported = *graphs.begin();
    if (quantized && targetOption != imported.getTarget())
      return usageError("the network is already quantized for '" +
                        imported.getTarget().str() + "': --target=" +
                        targetOption + " cannot be used with it");
    if (!quantReportOption.empty())
      return usageError("--quant-report: the network is already quantized");
    if (syncOption.getNumOccurrences() && sync != snn::Sync::Hardware)
      return usageError("the network is already quantized and runs the "
                        "chip's timing: --sync=layer cannot be used with it");
    quantized = true;
  } else if (std::distance(nets.begin(), nets.end()) != 1) {
    emitError(module->getLoc()) << "expected exactly one snn.network";
    return 1;
  }
  snn::NetworkOp net = imported ? snn::NetworkOp() : *nets.begin();

  // A network that is already discretized keeps its dt unless --dt says
  // otherwise (then snn-discretize reports the conflict).
  double dt = dtOption;
  if (imported) {
    if (auto old = imported.getDtAttr(); old && !dtOption.getNumOccurrences())
      dt = old.getValueAsDouble();
  } else {
    if (auto old = net.getDtAttr(); old && !dtOption.getNumOccurrences())
      dt = old.getValueAsDouble();
    PassManager pm(&ctx, ModuleOp::getOperationName());
    OpPassManager &netPM = pm.nest<snn::NetworkOp>();
    netPM.addPass(createInferShapes());
    DiscretizeOptions discretize;
    discretize.dt = dt;
    netPM.addPass(createDiscretize(discretize));
    if (failed(pm.run(*module)))
      return 1;
  }

  // Inputs: whole files, or NAME=FILE for one input.
  std::vector<io::InputSpec> specs =
      imported ? io::getInputSpecs(imported) : io::getInputSpecs(net);
  std::map<std::string, std::string> fileOf; // input name -> file
  std::vector<std::string> inputArgs(inputFiles.begin(), inputFiles.end());
  auto readRows = io::readInputArgs(inputArgs, specs, &ctx, &fileOf);
  if (failed(readRows))
    return 1;
  ref::InputRows rows = std::move(*readRows);

  // Timesteps: as asked, or as many as the inputs have rows.
  int64_t timesteps = timestepsOption;
  if (!timestepsOption.getNumOccurrences()) {
    for (const auto &[name, r] : rows) {
      int64_t n = r.size();
      if (timesteps && n != timesteps)
        return usageError("the inputs have different numbers of rows ('" +
                          rows.begin()->first + "': " +
                          std::to_string(rows.begin()->second.size()) +
                          ", '" + name + "': " + std::to_string(n) +
                          "); give --timesteps");
      timesteps = n;
    }
  }
  for (const auto &[name, r] : rows)
    if (int64_t(r.size()) < timesteps) {
      emitError(FileLineColLoc::get(&ctx, fileOf[name], 0, 0))
          << "input '" << name << "' has " << r.size()
          << " rows, fewer than the " << timesteps << " timesteps asked for";
      return 1;
    }

  std::string name =
      imported ? imported.getSymName().str() : net.getSymName().str();
  std::vector<PopulationInfo> populations;
  std::string how;
  std::string calibrationSummary;
  FailureOr<ref::Trace> trace = failure();
  auto start = std::chrono::steady_clock::now();
  if (!quantized) {
    ref::SimOptions options;
    options.sync = sync;
    options.timesteps = timesteps;
    options.probes.assign(probeOptions.begin(), probeOptions.end());
    populations = populationsOf(net);
    how = sync == snn::Sync::Layer ? "layer timing" : "hardware timing";
    start = std::chrono::steady_clock::now();
    trace = ref::simulate(net, rows, options);
  } else {
    // The quantized reference: snn-quantize turns the network into an
    // nc.graph in the target's integers, which runs bit-exactly.
    nc::GraphOp graph = imported;
    if (!graph) {
      PassManager qpm(&ctx, ModuleOp::getOperationName());
      TargetPipelineOptions lower = targetPipelineOptions(targetOption);
      std::optional<CalibrationRun> samples;
      if (!calibrateOption.empty()) {
        auto run = runFloatOnSamples(net, calibrateOption);
        if (failed(run))
          return 1;
        samples = std::move(*run);
      }
      std::string why;
      if (failed(buildTargetPipeline(qpm, lower, why)))
        return usageError(why);
      if (failed(qpm.run(*module)))
        return 1;
      auto made = module->getBody()->getOps<nc::GraphOp>();
      if (std::distance(made.begin(), made.end()) != 1) {
        emitError(module->getLoc()) << "quantization gave no single nc.graph";
        return 1;
      }
      graph = *made.begin();
      if (samples) {
        llvm::raw_string_ostream os(calibrationSummary);
        if (failed(reportAgreement(graph, *samples, quantReportOption,
                                   summaryOption ? &os : nullptr)))
          return 1;
      }
    }
    // An input whose only tables have no synapses (a netx input layer,
    // driven by its bias as Lava's Input block is) reaches no neuron: its
    // values only set the number of steps. Say so when they are not zero.
    for (auto in : graph.getBodyBlock().getOps<nc::InputOp>()) {
      bool reaches = in->use_empty();
      for (Operation *user : in->getUsers()) {
        auto syn = dyn_cast<nc::SynapsesOp>(user);
        reaches |= !syn || syn.getNumSynapses() > 0;
      }
      auto it = rows.find(in.getName().str());
      if (reaches || it == rows.end())
        continue;
      bool nonzero = false;
      for (const auto &row : it->second)
        for (double v : row)
          nonzero |= v != 0;
      if (nonzero)
        emitWarning(in.getLoc())
            << "input '" << in.getName()
            << "' reaches no neuron (a netx input layer runs on its "
               "per-neuron bias, --netx-input-bias): its nonzero values are "
               "ignored";
    }
    ref::QSimOptions options;
    options.timesteps = timesteps;
    options.probes.assign(probeOptions.begin(), probeOptions.end());
    populations = populationsOf(graph);
    how = "quantized for " + graph.getTarget().str() + ", hardware timing";
    start = std::chrono::steady_clock::now();
    trace = ref::simulateQuantized(graph, rows, options);
  }
  if (failed(trace))
    return 1;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (failed(io::writeTrace(outputOption, *trace, &ctx)))
    return 1;
  for (const auto &[node, count] : trace->overflowsPerNode)
    llvm::errs() << "warning: population '" << node << "': " << count
                 << " neuron-steps left the target's integer range (a "
                    "dendritic sum wrapped or a membrane saturated): the "
                    "quantized run departs from the float one there\n";
  warnIfSilent(populations, *trace, quantized);
  if (summaryOption) {
    printSummary(name, how, populations, *trace, dt, seconds);
    llvm::outs() << calibrationSummary;
  }
  return 0;
}

} // namespace spikec::driver
