//===- ImportCommand.cpp - spikec import: a network file to snn IR --------===//

#include "Driver.h"
#include "MeasureActivity.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Import/Import.h"
#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Passes/Pipelines.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Support/NodeLocations.h"

#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "spikec/Support/OutputFile.h"

#include <cctype>
#include <cmath>
#include <unistd.h>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

cl::SubCommand importCommand(
    "import", "Read a network (.json, .nir, .mlir or lava-dl .net) and print its IR");
cl::SubCommand simulateCommand(
    "simulate",
    "Run a network on the float reference simulator and write its spikes");
// Defined here, before the options below that name it: subcommands must be
// constructed before options register with them.
cl::SubCommand exportCommand(
    "export", "Write a network in an exchange format (NIR) for other tools");
cl::SubCommand compileCommand(
    "compile", "Write the hardware image of a network mapped onto cores");
cl::SubCommand evalCommand(
    "eval", "Classify a labelled dataset with a network or an image: "
            "accuracy, work, latency and energy per inference");

// Options shared by every command that reads a network.
cl::opt<std::string> networkPath(cl::Positional, cl::Required,
                                 cl::desc("<network .json|.nir|.mlir>"),
                                 cl::sub(importCommand),
                                 cl::sub(simulateCommand),
                                 cl::sub(exportCommand),
                                 cl::sub(compileCommand));
cl::opt<double> dtOption("dt",
                         cl::desc("Timestep in seconds (default 1e-4)"),
                         cl::value_desc("seconds"), cl::init(1.0e-4),
                         cl::sub(importCommand), cl::sub(simulateCommand),
                         cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));
static cl::opt<bool> nirDiscrete(
    "nir-discrete",
    cl::desc("NIR: parameters are per-step factors already (dt folded in)"),
    cl::init(false), cl::sub(importCommand), cl::sub(simulateCommand),
    cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));
static cl::opt<bool> nirSubtractReset(
    "nir-subtract-reset",
    cl::desc("NIR: populations reset by subtraction, not to v_reset"),
    cl::init(false), cl::sub(importCommand), cl::sub(simulateCommand),
    cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));

// Options shared by every command that lowers a network to a target.
cl::opt<std::string> targetOption(
    "target",
    cl::desc("The chip: a preset name or a description .json. simulate: run "
             "the quantized reference, the network in the target's exact "
             "integer arithmetic with hardware timing; compile: the chip the "
             "image is for (default loihi)"),
    cl::value_desc("name|file.json"), cl::init(""), cl::sub(simulateCommand),
    cl::sub(compileCommand), cl::sub(evalCommand));
cl::list<std::string> approxOption(
    "approx",
    cl::desc("With a target: allow the named approximations of the "
             "target's legalization (targets/MODELS.md lists them); "
             "without, what is not exact is an error"),
    cl::value_desc("name,..."), cl::CommaSeparated, cl::sub(simulateCommand),
    cl::sub(compileCommand), cl::sub(evalCommand));
cl::opt<std::string> quantReportOption(
    "quant-report",
    cl::desc("With a target: write the quantization report (JSON) here"),
    cl::value_desc("file.json"), cl::init(""), cl::sub(simulateCommand),
    cl::sub(compileCommand), cl::sub(evalCommand));
cl::opt<std::string> calibrateOption(
    "calibrate",
    cl::desc("With a target: pick the quantization scales from the float "
             "network's activity on these sample inputs (an input file) "
             "instead of the worst case"),
    cl::value_desc("file"), cl::init(""), cl::sub(simulateCommand),
    cl::sub(compileCommand), cl::sub(evalCommand));
cl::opt<double> calibrateMarginOption(
    "calibrate-margin",
    cl::desc("With --calibrate: widen the measured ranges by this factor "
             "(>= 1) before they bound a scale"),
    cl::init(1.5), cl::sub(simulateCommand), cl::sub(compileCommand), cl::sub(evalCommand));
cl::opt<std::string> syncOption(
    "sync",
    cl::desc("Edge timing: layer (feed-forward edges deliver in the same "
             "step) or hardware (every edge one step later, as on a chip; "
             "the only timing with a target)"),
    cl::value_desc("layer|hardware"), cl::init("layer"),
    cl::sub(simulateCommand), cl::sub(compileCommand), cl::sub(evalCommand));

/// Checks the target flags together; "" when they can work.
std::string checkTargetFlags(bool hasTarget) {
  if (!snn::parseSync(syncOption))
    return "unknown --sync '" + syncOption + "' (expected layer or hardware)";
  if (hasTarget && syncOption.getNumOccurrences() && syncOption != "hardware")
    return "a chip runs hardware timing: --sync=" + syncOption +
           " cannot be combined with a target";
  if (!hasTarget && !quantReportOption.empty())
    return "--quant-report needs --target";
  if (!hasTarget && !approxOption.empty())
    return "--approx needs --target";
  if (!hasTarget && !calibrateOption.empty())
    return "--calibrate needs --target";
  if (!(calibrateMarginOption >= 1))
    return "--calibrate-margin must be at least 1, got " +
           formatNumber(calibrateMarginOption);
  return "";
}

/// The target pipeline's options from the flags, for `target`.
TargetPipelineOptions targetPipelineOptions(const std::string &target) {
  TargetPipelineOptions lower;
  lower.target = target;
  lower.report = quantReportOption;
  lower.approximations.assign(approxOption.begin(), approxOption.end());
  if (!calibrateOption.empty())
    lower.calibration = calibrationFromSamples(calibrateOption);
  lower.calibrateMargin = calibrateMarginOption;
  return lower;
}

static cl::opt<std::string> maxMemory(
    "max-memory",
    cl::desc("Refuse a network whose estimated memory is above this (bytes, "
             "or with K, M, G or T; default: 80% of this machine's memory)"),
    cl::value_desc("size"), cl::init(""), cl::sub(simulateCommand),
    cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));
static cl::opt<std::string> netxInputBias(
    "netx-input-bias",
    cl::desc("lava-dl netx: .npy of the input layer's per-neuron bias "
             "mantissas in Lava's (x, y, channel) order"),
    cl::value_desc("file.npy"), cl::init(""), cl::sub(importCommand),
    cl::sub(simulateCommand), cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));
static cl::opt<int64_t> netxResetInterval(
    "netx-reset-interval",
    cl::desc("lava-dl netx: reset every layer's state every N steps, layer "
             "k at steps t (from 1) with t % N == (offset + 1 + k) % N, as "
             "Lava's hdf5.Network(reset_interval=N) does (0: never)"),
    cl::value_desc("N"), cl::init(0), cl::sub(importCommand),
    cl::sub(simulateCommand), cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));
static cl::opt<int64_t> netxResetOffset(
    "netx-reset-offset",
    cl::desc("lava-dl netx: the reset_offset of --netx-reset-interval"),
    cl::value_desc("offset"), cl::init(0), cl::sub(importCommand),
    cl::sub(simulateCommand), cl::sub(exportCommand), cl::sub(compileCommand), cl::sub(evalCommand));

static cl::opt<std::string> importOutput("o", cl::desc("Output file"),
                                         cl::value_desc("file"),
                                         cl::init("-"),
                                         cl::sub(importCommand));
static cl::opt<int64_t> elideResources(
    "mlir-elide-resource-strings-if-larger",
    cl::desc("Elide dense_resource blobs larger than this many bytes"),
    cl::value_desc("bytes"), cl::init(0), cl::sub(importCommand));
// The node names live in the locations, and without them a re-imported .mlir
// has no names to probe, report or export by. By default the names alone are
// printed; given, the flag prints the full locations (the file each node was
// read from too); =false prints none.
static cl::opt<bool> printDebugInfo(
    "mlir-print-debuginfo",
    cl::desc("Print the full locations, with the file each node came from "
             "(default: the node names only; =false: no locations, no names)"),
    cl::init(true), cl::sub(importCommand));

/// The --max-memory limit in bytes; 0 after reporting a bad value.
static uint64_t memoryLimit(std::string &how) {
  if (maxMemory.empty()) {
    uint64_t machine = uint64_t(sysconf(_SC_PHYS_PAGES)) *
                       uint64_t(sysconf(_SC_PAGE_SIZE));
    how = "80% of this machine's " + formatBytes(double(machine));
    return machine / 5 * 4;
  }
  how = "--max-memory=" + maxMemory;
  StringRef text = maxMemory;
  uint64_t unit = 1;
  switch (text.empty() ? 0 : std::toupper(text.back())) {
  case 'K': unit = 1ull << 10; break;
  case 'M': unit = 1ull << 20; break;
  case 'G': unit = 1ull << 30; break;
  case 'T': unit = 1ull << 40; break;
  default: break;
  }
  if (unit != 1)
    text = text.drop_back();
  uint64_t value;
  if (text.getAsInteger(10, value) || value == 0 ||
      value > UINT64_MAX / unit) {
    usageError("--max-memory takes a positive size such as 8G or 512M, got '" +
               maxMemory + "'");
    return 0;
  }
  return value * unit;
}

/// Refuses a network that would not fit in memory, before anything is
/// allocated per neuron: every value of the network costs at least
/// kBytesPerElement per element once simulated or compiled (state, buffers,
/// per-neuron tables; measured at 76 to 190 bytes on a 4M-neuron network).
static LogicalResult checkMemory(ModuleOp module) {
  constexpr double kBytesPerElement = 48;
  // Printing the IR allocates nothing per element (import has no limit).
  if (importCommand)
    return success();
  double elements = 0;
  std::string largest;
  double largestCount = 0;
  module.walk([&](Operation *op) {
    for (Value v : op->getResults())
      if (auto type = dyn_cast<RankedTensorType>(v.getType());
          type && type.hasStaticShape()) {
        double n = 1;
        for (int64_t d : type.getShape())
          n *= double(d);
        elements += n;
        if (n > largestCount) {
          largestCount = n;
          largest = spikec::nodeName(op);
        }
      }
  });
  std::string how;
  uint64_t limit = memoryLimit(how);
  if (limit == 0)
    return failure();
  double need = elements * kBytesPerElement;
  if (need <= double(limit))
    return success();
  emitError(module.getLoc())
      << "the network needs about " << formatBytes(need) << " ("
      << formatNumber(elements) << " elements in its values at "
      << int(kBytesPerElement) << " bytes each; the largest, '" << largest
      << "', has " << formatNumber(largestCount) << "), more than " << how
      << " allows; raise --max-memory if this machine can hold it";
  return failure();
}

OwningOpRef<ModuleOp> loadNetwork(MLIRContext &ctx) {
  return loadNetwork(ctx, networkPath);
}

/// Checks --dt, then imports the network at `path`.
OwningOpRef<ModuleOp> loadNetwork(MLIRContext &ctx, const std::string &path) {
  double dt = dtOption;
  if (!(dt > 0) || !std::isfinite(dt)) {
    usageError("--dt must be a positive number of seconds, got " +
               formatNumber(dt));
    return nullptr;
  }
  ImportOptions options;
  options.dt = dt;
  options.nirDiscrete = nirDiscrete;
  options.nirSubtractReset = nirSubtractReset;
  if (netxResetInterval < 0) {
    usageError("--netx-reset-interval must be >= 0, got " +
               std::to_string(netxResetInterval));
    return nullptr;
  }
  if (netxResetOffset < 0) {
    usageError("--netx-reset-offset must be >= 0, got " +
               std::to_string(netxResetOffset));
    return nullptr;
  }
  options.netxInputBias = netxInputBias;
  options.netxResetInterval = netxResetInterval;
  options.netxResetOffset = netxResetOffset;
  OwningOpRef<ModuleOp> module = importNetwork(path, &ctx, options);
  if (module && failed(checkMemory(*module)))
    return nullptr;
  return module;
}

int runImport(MLIRContext &ctx) {
  if (elideResources < 0)
    return usageError("--mlir-elide-resource-strings-if-larger must be >= 0");
  OwningOpRef<ModuleOp> module = loadNetwork(ctx);
  if (!module)
    return 1;
  OpPrintingFlags flags;
  if (elideResources > 0)
    flags.elideLargeResourceString(elideResources);
  if (printDebugInfo) {
    if (!printDebugInfo.getNumOccurrences())
      dropFileLocations(*module);
    flags.enableDebugInfo();
  }
  std::string why = writeFileAtomically(importOutput, [&](raw_ostream &os) {
    module->print(os, flags);
    return std::string();
  });
  if (!why.empty())
    return usageError(why);
  return 0;
}

} // namespace spikec::driver
