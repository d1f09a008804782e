//===- spikec-cosim.cpp - an image's loihi cores: RTL against the emulator ===//
//
// `spikec-cosim net.simg --core=K|all --timesteps=N --input=FILE
// [--target=T]` runs the image on the emulator (functional mode, the image
// and nothing else, as `spikec emulate` does) and, beside each chosen core,
// the RTL loihi core (rtl/loihi_core.sv, Verilated) loaded with that core's
// section of the image, fed the same axon events. Every step it compares
// every neuron's spike, u and v and the cycles the RTL core was busy against
// the emulator's cycle model with the target's numbers (CosimChecker.h),
// stops at the first difference and prints it; exit status 1 then, 0 when
// every step agrees.
//
//===----------------------------------------------------------------------===//

#include "CosimChecker.h"

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"
#include "spikec/IO/SpikeFileIO.h"
#include "spikec/Image/ImageIO.h"
#include "spikec/Target/Target.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace spikec;
namespace cl = llvm::cl;

static cl::opt<std::string> imagePath(cl::Positional, cl::desc("<net.simg>"),
                                      cl::init(""));
static cl::opt<std::string>
    coreFlag("core", cl::desc("The core to co-simulate, or all of them"),
             cl::value_desc("K|all"), cl::init("all"));
static cl::opt<int64_t> timestepsFlag(
    "timesteps",
    cl::desc("Number of timesteps (default: the number of input rows)"),
    cl::value_desc("N"), cl::init(0));
static cl::list<std::string> inputFlag(
    "input",
    cl::desc("Input spike file (.json or .npy); NAME=FILE gives the rows of "
             "one input (repeat for several), as spikec emulate reads them"),
    cl::value_desc("file"));
static cl::opt<std::string> targetFlag(
    "target",
    cl::desc("The image's target, whose latencies price the cycles (default: "
             "the preset the image names); its hash must match"),
    cl::value_desc("name|file.json"), cl::init(""));

static int error(const std::string &message) {
  llvm::errs() << "spikec-cosim: error: " << message << "\n";
  return 1;
}

/// The cores --core names in `img`, or why the flag is wrong.
static std::string chooseCores(const image::Image &img,
                               std::vector<uint32_t> &cores) {
  const size_t n = img.cores.size();
  if (coreFlag == "all") {
    for (uint32_t c = 0; c < n; ++c)
      cores.push_back(c);
    return "";
  }
  uint32_t k;
  if (llvm::StringRef(coreFlag).getAsInteger(10, k))
    return "--core must be a core number or 'all', got '" + coreFlag + "'";
  if (k >= n)
    return "--core=" + std::to_string(k) + " names no core: the image has " +
           std::to_string(n) + " (0 to " + std::to_string(n - 1) + ")";
  cores.push_back(k);
  return "";
}

/// The target the image names (or --target), with the image's hash, and the
/// check that the RTL was built with its cycle costs.
static std::string loadCosts(const image::Image &img,
                             emu::CoreCycleCosts &costs) {
  target::TargetDesc desc;
  if (std::string why = emu::loadImageTarget(img, targetFlag, desc);
      !why.empty())
    return why;
  costs = emu::coreCycleCosts(desc);
  const rtl::CoreParams &p = rtl::builtParams();
  auto mismatch = [&](const std::string &what, const char *param,
                      uint64_t built) {
    return "target '" + desc.name + "' gives " + what +
           ", the RTL was built with " + param + " = " +
           std::to_string(built) +
           " (rebuild with the target's numbers, rtl/CMakeLists.txt)";
  };
  auto cycles = [](uint64_t n) { return std::to_string(n) + " cycles"; };
  if (costs.synapticOp != p.cycSyn)
    return mismatch("a synaptic op " + cycles(costs.synapticOp), "CYC_SYN",
                    p.cycSyn);
  if (costs.activeNeuron != p.cycActive)
    return mismatch("an active neuron update " + cycles(costs.activeNeuron),
                    "CYC_ACTIVE", p.cycActive);
  if (costs.idleNeuron != p.cycIdle)
    return mismatch("an idle neuron update " + cycles(costs.idleNeuron),
                    "CYC_IDLE", p.cycIdle);
  if (costs.synapticOpsPerCycle != double(p.synPerCycle))
    return mismatch(llvm::formatv("synapse_ops_per_cycle {0}",
                                  costs.synapticOpsPerCycle)
                        .str(),
                    "SYN_PER_CYCLE", p.synPerCycle);
  return "";
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(
      argc, argv,
      "spikec-cosim: an image's loihi cores, the RTL against the emulator\n");
  if (imagePath.empty())
    return error("say which image: spikec-cosim net.simg --input=FILE");
  bool given = timestepsFlag.getNumOccurrences();
  if (given && timestepsFlag <= 0)
    return error("--timesteps must be > 0, got " +
                 std::to_string(timestepsFlag));

  auto read = image::readImageFile(imagePath);
  if (auto *msg = std::get_if<std::string>(&read))
    return error(*msg);
  std::string why;
  std::unique_ptr<emu::Emulator> emulator =
      emu::Emulator::create(std::move(std::get<image::Image>(read)), why);
  if (!emulator)
    return error(imagePath + ": " + why);
  const image::Image &img = emulator->image();

  std::vector<uint32_t> cores;
  if (!(why = chooseCores(img, cores)).empty())
    return error(why);
  for (uint32_t c : cores)
    if (!(why = rtl::CoreCosim::fits(img.cores[c])).empty())
      return error(imagePath + ": core " + std::to_string(c) + " " + why);
  emu::CoreCycleCosts costs;
  if (!(why = loadCosts(img, costs)).empty())
    return error(imagePath + ": " + why);
  rtl::CosimChecker checker(*emulator, costs, cores);
  if (!(why = checker.load()).empty())
    return error(imagePath + ": " + why);

  // Input file errors as spikec prints them: "in.json:2:1: error: ...".
  auto diagnose = [](const io::FileDiagnostic &d) {
    if (d.file)
      llvm::errs() << *d.file << ":" << d.line << ":" << d.column << ": ";
    llvm::errs() << "error: " << d.message << "\n";
  };
  std::vector<io::InputSpec> specs = io::getInputSpecs(img);
  if (inputFlag.empty())
    return error("no input: give --input=FILE");
  std::vector<std::string> inputArgs(inputFlag.begin(), inputFlag.end());
  auto rows = io::readInputArgs(inputArgs, specs, diagnose);
  if (!rows)
    return 1;
  int64_t timesteps = timestepsFlag;
  if (!given)
    for (const auto &[name, r] : *rows)
      timesteps = timesteps ? std::min<int64_t>(timesteps, r.size())
                            : int64_t(r.size());
  if (!(why = emulator->start(std::move(*rows), timesteps)).empty())
    return error(inputArgs.front() + ": " + why);

  while (emulator->timestep() < timesteps && checker.errors().empty())
    emulator->step(checker);
  if (!checker.errors().empty())
    return error("first difference: " + checker.errors().front());

  const rtl::CoreParams &p = rtl::builtParams();
  llvm::outs() << "spikec-cosim: " << img.header.target << ", "
               << cores.size() << " of " << img.cores.size()
               << " cores, " << timesteps << " steps; RTL CYC_SYN=" << p.cycSyn
               << " CYC_ACTIVE=" << p.cycActive << " CYC_IDLE=" << p.cycIdle
               << "\n";
  for (const rtl::CoreTotals &t : checker.totals())
    llvm::outs() << "core " << t.core << ": " << t.steps << " steps, "
                 << t.spikes << " spikes, " << t.synapticOps
                 << " synaptic ops, " << t.cycles
                 << " cycles: spikes, u, v and cycles identical\n";
  llvm::outs() << "agree: 0 differences\n";
  return 0;
}
