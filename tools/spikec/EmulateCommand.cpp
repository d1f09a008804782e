//===- EmulateCommand.cpp - spikec emulate: run a hardware image ----------===//
//
// `spikec emulate net.simg --timesteps=N --input=FILE [--output=FILE]
// [--mode=functional|cycle] [--report=R.json] [--summary] [--trace-vcd=F]
// [--trace-timeline=F]` loads only the image (checked by the reader) and
// runs it on the emulator (DESIGN.md section 7); cycle mode adds the cycle
// model (CycleModel.h) with the numbers of the image's target (a preset by
// the image's name, or --target=FILE, its content hash checked). Input and
// output files are simulate's (IO/SpikeFiles.h), so the outputs of
// `spikec simulate NET --target=T` and of this command compare as files.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"
#include "spikec/Emulator/RunReport.h"
#include "spikec/Emulator/Traces.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Image/ImageIO.h"
#include "spikec/Support/OutputFile.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

llvm::cl::SubCommand emulateCommand(
    "emulate", "Run a hardware image on the emulator, as the chip would");

static cl::opt<std::string> emulateImage(cl::Positional, cl::desc("<net.simg>"),
                                         cl::init(""), cl::sub(emulateCommand));
static cl::list<std::string> emulateInput(
    "input",
    cl::desc("Input spike file (.json or .npy); NAME=FILE gives the rows of "
             "one input (repeat for several), as spikec simulate reads them"),
    cl::value_desc("file"), cl::sub(emulateCommand));
static cl::opt<int64_t> emulateTimesteps(
    "timesteps",
    cl::desc("Number of timesteps (default: the number of input rows)"),
    cl::value_desc("N"), cl::init(0), cl::sub(emulateCommand));
static cl::opt<std::string> emulateOutput(
    "output",
    cl::desc("Output file: .json (or - for stdout), or .npy for one file per "
             "output"),
    cl::value_desc("file"), cl::init("-"), cl::sub(emulateCommand));
static cl::alias emulateOutputAlias("o", cl::desc("Alias for --output"),
                                    cl::aliasopt(emulateOutput));
static cl::opt<std::string> emulateMode(
    "mode",
    cl::desc("functional: spikes only, as fast as it goes; cycle: the same "
             "spikes with cycles, time and energy"),
    cl::value_desc("functional|cycle"), cl::init("functional"),
    cl::sub(emulateCommand));
static cl::opt<std::string> emulateTarget(
    "target",
    cl::desc("The description of the image's target for cycle mode "
             "(default: the preset the image names); its hash must match"),
    cl::value_desc("name|file.json"), cl::init(""), cl::sub(emulateCommand));
static cl::opt<bool> emulateSummary(
    "summary",
    cl::desc("Print the report: spikes per core, work, NeuroBench figures "
             "and, in cycle mode, latency and energy"),
    cl::init(false), cl::sub(emulateCommand));
static cl::opt<std::string> emulateReport(
    "report", cl::desc("Write the report as JSON, with every step's figures"),
    cl::value_desc("file.json"), cl::init(""), cl::sub(emulateCommand));
static cl::opt<std::string> emulateVcd(
    "trace-vcd",
    cl::desc("Write chosen neurons' spikes and state per step as VCD "
             "(GTKWave)"),
    cl::value_desc("file.vcd"), cl::init(""), cl::sub(emulateCommand));
static cl::opt<std::string> emulateTraceNeurons(
    "trace-neurons",
    cl::desc("Neurons for --trace-vcd: CORE:NEURON, CORE:FIRST-LAST or an "
             "output's name, comma-separated (default: every output)"),
    cl::value_desc("spec"), cl::init(""), cl::sub(emulateCommand));
static cl::opt<std::string> emulateTimeline(
    "trace-timeline",
    cl::desc("Write each core's phases and the busy links per step as "
             "Chrome/Perfetto trace events (cycle mode)"),
    cl::value_desc("file.json"), cl::init(""), cl::sub(emulateCommand));
static cl::opt<bool> emulateProgress(
    "progress",
    cl::desc("Show a progress bar on stderr (default: when stderr is a "
             "terminal and the run has 1000 steps or more)"),
    cl::init(false), cl::sub(emulateCommand));

static cl::opt<int> emulateThreads(
    "threads",
    cl::desc("Threads stepping the cores (default 0: one per CPU core); "
             "outputs and reports are the same for any count"),
    cl::value_desc("N"), cl::init(0), cl::sub(emulateCommand));

/// More steps than this is a mistake, not a run (28 hours at a 1 ms tick).
static constexpr int64_t kMaxTimesteps = 100000000;

/// A progress bar on stderr, redrawn when the percentage changes.
class Progress {
public:
  Progress(int64_t total, bool on) : total(total), on(on) {}
  void update(int64_t done) {
    if (!on || (done * 100 / total == shown && done != total))
      return;
    shown = done * 100 / total;
    int filled = int(shown * 40 / 100);
    llvm::errs() << "\r[" << std::string(filled, '#')
                 << std::string(40 - filled, ' ') << "] " << shown << "% ("
                 << done << "/" << total << " steps)";
    if (done == total)
      llvm::errs() << "\n";
  }

private:
  int64_t total, shown = -1;
  bool on;
};

/// Runs the emulator step by step with an observer (the cycle model or
/// none), sampling the VCD trace and drawing the progress bar after each.
template <typename Observer>
static void runSteps(emu::Emulator &emulator, Observer &observer,
                     emu::VcdTrace *vcd, Progress &progress) {
  while (emulator.timestep() < emulator.numSteps()) {
    emulator.step(observer);
    if (vcd)
      vcd->sample(emulator);
    progress.update(emulator.timestep());
  }
}

/// Writes `value` as indented JSON to `path`.
static LogicalResult writeJSONFile(const std::string &path,
                                   const nlohmann::json &value) {
  std::string why = writeFileAtomically(path, value.dump(2) + "\n");
  if (!why.empty()) {
    usageError(why);
    return failure();
  }
  return success();
}

int runEmulate(MLIRContext &ctx) {
  // Flags first: nothing is read when they cannot work.
  if (emulateImage.empty())
    return usageError("say which image: spikec emulate net.simg "
                      "--input=FILE");
  if (emulateMode != "functional" && emulateMode != "cycle")
    return usageError("unknown --mode '" + emulateMode +
                      "' (expected functional or cycle)");
  bool cycleMode = emulateMode == "cycle";
  if (!emulateTimeline.empty() && !cycleMode)
    return usageError("--trace-timeline needs --mode=cycle (the timeline is "
                      "the cycle model's)");
  if (!emulateTraceNeurons.empty() && emulateVcd.empty())
    return usageError("--trace-neurons chooses neurons for --trace-vcd; "
                      "give --trace-vcd=FILE");
  bool given = emulateTimesteps.getNumOccurrences();
  if (given && emulateTimesteps <= 0)
    return usageError("--timesteps must be > 0, got " +
                      std::to_string(emulateTimesteps));
  if (emulateTimesteps > kMaxTimesteps)
    return usageError("--timesteps=" + std::to_string(emulateTimesteps) +
                      " is more than the " + std::to_string(kMaxTimesteps) +
                      " steps one run may take");

  unsigned threads = 0;
  if (failed(parseThreads(emulateThreads, threads)))
    return 1;

  auto read = image::readImageFile(emulateImage);
  if (auto *msg = std::get_if<std::string>(&read))
    return usageError(*msg);
  std::string why;
  std::unique_ptr<emu::Emulator> emulator =
      emu::Emulator::create(std::move(std::get<image::Image>(read)), why);
  if (!emulator)
    return usageError(emulateImage + ": " + why);
  emulator->setThreads(threads);
  const image::Image &img = emulator->image();

  std::vector<io::InputSpec> specs = io::getInputSpecs(img);
  std::vector<std::string> inputArgs(emulateInput.begin(), emulateInput.end());
  auto rows = io::readInputArgs(inputArgs, specs, &ctx);
  if (failed(rows))
    return 1;
  int64_t timesteps = emulateTimesteps;
  if (!given)
    for (const auto &[name, r] : *rows)
      timesteps = timesteps ? std::min<int64_t>(timesteps, r.size())
                            : int64_t(r.size());
  why = emulator->start(std::move(*rows), timesteps);
  if (!why.empty())
    return usageError(inputArgs.front() + ": " + why);

  target::TargetDesc desc;
  if (cycleMode) {
    why = emu::loadImageTarget(img, emulateTarget, desc);
    if (!why.empty())
      return usageError(emulateImage + ": " + why);
  }
  emu::VcdTrace vcd;
  emu::VcdTrace *vcdOrNull = emulateVcd.empty() ? nullptr : &vcd;
  if (vcdOrNull) {
    std::vector<emu::NeuronRef> neurons;
    std::string spec = emulateTraceNeurons;
    if (spec.empty())
      for (const image::Output &o : img.outputs)
        spec += (spec.empty() ? "" : ",") + o.name;
    why = emu::parseNeuronRefs(spec, img, neurons);
    if (why.empty())
      why = vcd.open(emulateVcd, *emulator, std::move(neurons));
    if (!why.empty())
      return usageError("--trace-vcd: " + why);
  }

  Progress progress(timesteps, emulateProgress ||
                                   (llvm::errs().is_displayed() &&
                                    timesteps >= 1000));
  std::optional<emu::CycleModel> cycle;
  auto begin = std::chrono::steady_clock::now();
  if (cycleMode) {
    cycle.emplace(desc, img, /*recordPhases=*/!emulateTimeline.empty());
    cycle->reserve(timesteps);
    runSteps(*emulator, *cycle, vcdOrNull, progress);
  } else {
    emu::NullObserver none;
    runSteps(*emulator, none, vcdOrNull, progress);
  }
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - begin)
                       .count();
  if (vcdOrNull && !(why = vcd.close()).empty())
    return usageError("--trace-vcd: " + why);

  ref::Trace trace;
  trace.timesteps = timesteps;
  for (size_t o = 0; o < img.outputs.size(); ++o) {
    const image::Output &port = img.outputs[o];
    const std::vector<int32_t> &values = emulator->outputRows(o);
    ref::Rows &out = trace.outputs[port.name];
    out.assign(timesteps, std::vector<double>(port.width));
    for (int64_t t = 0; t < timesteps; ++t)
      for (uint32_t e = 0; e < port.width; ++e)
        out[t][e] = values[size_t(t) * port.width + e];
  }
  const emu::RunStats &s = emulator->stats();
  trace.stats = {s.synapticEvents, s.neuronUpdates, s.spikes};
  if (failed(io::writeTrace(emulateOutput, trace, &ctx)))
    return 1;
  for (uint32_t c = 0; c < emulator->numCores(); ++c)
    if (uint64_t n = emulator->core(c).overflows())
      llvm::errs() << "warning: core " << c << ": " << n
                   << " neuron-steps left the target's integer range (a "
                      "dendritic sum wrapped or a membrane saturated)\n";
  nlohmann::json report =
      emu::makeRunReport(*emulator, cycle ? &*cycle : nullptr, seconds);
  if (!emulateReport.empty() && failed(writeJSONFile(emulateReport, report)))
    return 1;
  if (!emulateTimeline.empty() &&
      failed(writeJSONFile(emulateTimeline, emu::timelineJSON(*cycle, img))))
    return 1;
  if (emulateSummary) {
    std::ostringstream text;
    emu::printRunReport(report, text);
    llvm::outs() << text.str();
  }
  return 0;
}

} // namespace spikec::driver
