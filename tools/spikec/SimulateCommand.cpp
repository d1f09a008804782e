//===- SimulateCommand.cpp - spikec simulate: the float reference run -----===//
//
// Imports the network, infers shapes, discretizes it for --dt and runs the
// reference simulator (DESIGN.md section 3) on the input spike file(s).
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Reference/Simulator.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"


#include <cmath>

using namespace mlir;
using namespace spikec;
namespace cl = llvm::cl;

namespace spikec::driver {

extern cl::opt<std::string> networkPath;
extern cl::opt<double> dtOption;

static cl::list<std::string> inputFiles(
    "input",
    cl::desc("Input spike file (.json or .npy); NAME=FILE gives the rows of "
             "one input (repeat for several)"),
    cl::value_desc("file"), cl::sub(simulateCommand));
static cl::opt<int64_t> timestepsOption(
    "timesteps",
    cl::desc("Number of timesteps (default: the number of input rows)"),
    cl::value_desc("N"), cl::init(0), cl::sub(simulateCommand));
static cl::opt<std::string>
    syncOption("sync",
               cl::desc("Edge timing: layer (feed-forward edges deliver in "
                        "the same step) or hardware (every edge one step "
                        "later)"),
               cl::value_desc("layer|hardware"), cl::init("layer"),
               cl::sub(simulateCommand));
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
  std::optional<snn::Sync> sync = snn::parseSync(syncOption);
  if (!sync)
    return usageError("unknown --sync '" + syncOption +
                      "' (expected layer or hardware)");
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
  if (std::distance(nets.begin(), nets.end()) != 1) {
    emitError(module->getLoc()) << "expected exactly one snn.network";
    return 1;
  }
  snn::NetworkOp net = *nets.begin();

  // A network that is already discretized keeps its dt unless --dt says
  // otherwise (then snn-discretize reports the conflict).
  double dt = dtOption;
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

  // Inputs: whole files, or NAME=FILE for one input.
  std::vector<io::InputSpec> specs = io::getInputSpecs(net);
  ref::InputRows rows;
  std::map<std::string, std::string> fileOf; // input name -> file
  for (const std::string &arg : inputFiles) {
    const io::InputSpec *named = nullptr;
    std::string file = arg;
    if (size_t eq = arg.find('='); eq != std::string::npos)
      for (const io::InputSpec &spec : specs)
        if (spec.name == arg.substr(0, eq)) {
          named = &spec;
          file = arg.substr(eq + 1);
        }
    ref::InputRows got;
    if (named) {
      auto r = io::readInputRows(file, *named, &ctx);
      if (failed(r))
        return 1;
      got[named->name] = std::move(*r);
    } else {
      auto r = io::readInputFile(file, specs, &ctx);
      if (failed(r))
        return 1;
      got = std::move(*r);
    }
    for (auto &[name, r] : got) {
      if (fileOf.count(name))
        return usageError("input '" + name + "' is given twice (in " +
                          fileOf[name] + " and " + file + ")");
      fileOf[name] = file;
      rows[name] = std::move(r);
    }
  }
  for (const io::InputSpec &spec : specs)
    if (!rows.count(spec.name))
      return usageError("no rows for input '" + spec.name +
                        "'; give them with --input=" + spec.name + "=FILE");

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

  ref::SimOptions options;
  options.sync = *sync;
  options.timesteps = timesteps;
  options.probes.assign(probeOptions.begin(), probeOptions.end());
  FailureOr<ref::Trace> trace = ref::simulate(net, rows, options);
  if (failed(trace))
    return 1;
  return failed(io::writeTrace(outputOption, *trace, &ctx)) ? 1 : 0;
}

} // namespace spikec::driver
