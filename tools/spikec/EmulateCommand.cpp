//===- EmulateCommand.cpp - spikec emulate: run a hardware image ----------===//
//
// `spikec emulate net.simg --timesteps=N --input=FILE [--output=FILE]
// [--mode=functional] [--summary]` loads only the image (checked by the
// reader) and runs it on the emulator (DESIGN.md section 7). Input and
// output files are simulate's (IO/SpikeFiles.h), so the outputs of
// `spikec simulate NET --target=T` and of this command compare as files.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Emulator/Emulator.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Image/ImageIO.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

llvm::cl::SubCommand emulateCommand(
    "emulate", "Run a hardware image on the emulator, as the chip would");

static cl::opt<std::string> emulateImage(cl::Positional, cl::desc("<net.simg>"),
                                         cl::init(""), cl::sub(emulateCommand));
static cl::opt<std::string> emulateInput(
    "input",
    cl::desc("Input spike file (.json or .npy), as spikec simulate reads it"),
    cl::value_desc("file"), cl::init(""), cl::sub(emulateCommand));
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
    cl::desc("functional: spikes only, as fast as it goes; cycle (cycles, "
             "time and energy) is not implemented yet"),
    cl::value_desc("functional|cycle"), cl::init("functional"),
    cl::sub(emulateCommand));
static cl::opt<bool> emulateSummary(
    "summary",
    cl::desc("Print a summary of the run (spikes per core, work, speed)"),
    cl::init(false), cl::sub(emulateCommand));

/// More steps than this is a mistake, not a run (28 hours at a 1 ms tick).
static constexpr int64_t kMaxTimesteps = 100000000;

/// What a run did, as a short table on stdout; the totals line is
/// `spikec simulate --summary`'s, so the two compare.
static void printSummary(const emu::Emulator &emulator, int64_t T,
                         double seconds) {
  llvm::raw_ostream &os = llvm::outs();
  const image::Image &img = emulator.image();
  const emu::RunStats &s = emulator.stats();
  double dt = img.header.dt;
  uint64_t neurons = 0;
  for (const image::Core &c : img.cores)
    neurons += c.numNeurons;
  os << "image     '" << img.provenance.network << "' for "
     << img.header.target << ": " << img.cores.size() << " cores, "
     << neurons << " neurons\n"
     << "run       " << T << " steps of dt = " << formatNumber(dt) << " s ("
     << formatNumber(T * dt * 1e3) << " ms of model time), functional mode\n";
  os << "core   model               neurons     spikes    rate (Hz)\n";
  for (uint32_t c = 0; c < img.cores.size(); ++c) {
    const image::Core &core = img.cores[c];
    uint64_t spikes = s.spikesPerCore[c];
    double rate = dt > 0 && core.numNeurons
                      ? double(spikes) / (double(core.numNeurons) * T * dt)
                      : 0.0;
    os << llvm::format("%-6u %-16s %10u %10llu %12.1f\n", c,
                       core.model.c_str(), core.numNeurons,
                       (unsigned long long)spikes, rate);
  }
  os << "synaptic events " << s.synapticEvents << ", neuron updates "
     << s.neuronUpdates << ", spikes " << s.spikes << "\n";
  os << "packets " << s.packets << "\n";
  os << llvm::format("wall time %.3f s: %.3g synaptic events/s, %.3g neuron "
                     "updates/s\n",
                     seconds, seconds > 0 ? s.synapticEvents / seconds : 0.0,
                     seconds > 0 ? s.neuronUpdates / seconds : 0.0);
}

int runEmulate(MLIRContext &ctx) {
  // Flags first: nothing is read when they cannot work.
  if (emulateImage.empty())
    return usageError("say which image: spikec emulate net.simg "
                      "--input=FILE");
  if (emulateMode == "cycle")
    return usageError("--mode=cycle is not implemented yet (functional "
                      "mode only)");
  if (emulateMode != "functional")
    return usageError("unknown --mode '" + emulateMode +
                      "' (expected functional or cycle)");
  bool given = emulateTimesteps.getNumOccurrences();
  if (given && emulateTimesteps <= 0)
    return usageError("--timesteps must be > 0, got " +
                      std::to_string(emulateTimesteps));
  if (emulateTimesteps > kMaxTimesteps)
    return usageError("--timesteps=" + std::to_string(emulateTimesteps) +
                      " is more than the " + std::to_string(kMaxTimesteps) +
                      " steps one run may take");
  if (emulateInput.empty())
    return usageError("no input: give --input=FILE");

  auto read = image::readImageFile(emulateImage);
  if (auto *msg = std::get_if<std::string>(&read))
    return usageError(*msg);
  std::string why;
  std::unique_ptr<emu::Emulator> emulator =
      emu::Emulator::create(std::move(std::get<image::Image>(read)), why);
  if (!emulator)
    return usageError(emulateImage + ": " + why);
  const image::Image &img = emulator->image();

  std::vector<io::InputSpec> specs;
  for (const image::Input &in : img.inputs)
    specs.push_back({in.name, {int64_t(in.width)}});
  auto rows = io::readInputFile(emulateInput, specs, &ctx);
  if (failed(rows))
    return 1;
  int64_t timesteps = emulateTimesteps;
  if (!given)
    for (const auto &[name, r] : *rows)
      timesteps = timesteps ? std::min<int64_t>(timesteps, r.size())
                            : int64_t(r.size());
  why = emulator->start(std::move(*rows), timesteps);
  if (!why.empty())
    return usageError(emulateInput + ": " + why);

  auto begin = std::chrono::steady_clock::now();
  emulator->run();
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - begin)
                       .count();

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
  if (emulateSummary)
    printSummary(*emulator, timesteps, seconds);
  return 0;
}

} // namespace spikec::driver
