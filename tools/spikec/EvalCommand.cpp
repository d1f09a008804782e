//===- EvalCommand.cpp - spikec eval: accuracy over a labelled dataset ----===//
//
// `spikec eval NET --dataset=idx:IMAGES,LABELS|npy:SAMPLES,LABELS
// --encode=rate|latency|direct
// --timesteps=N [--target=T] [--limit=K] [--report=R.json]
// [--mode=functional|cycle]` runs every image of the dataset through one of
// the three executions of a network, each image from a fresh state:
// - NET a network file (.nir, .json, .mlir) without --target: the float
//   reference (Simulator.h), layer timing, N steps;
// - NET a network file with --target=T: the quantized reference
//   (QuantizedSimulator.h), hardware timing;
// - NET a hardware image (.simg): the emulator, in cycle mode with latency
//   and energy from the cycle model.
// Hardware timing delivers an edge one step later, so a network whose
// longest input-to-output path crosses L hops answers L steps late: those
// runs get L more steps of zero input (the drain; --drain overrides it),
// so that they see every event of the N encoded steps.
//
// An npy: dataset holds input rows already, as spike files do: SAMPLES of
// shape (N, T, ...input shape) and LABELS of shape (N,); each sample's T rows
// are fed as they are (no --encode), then the drain.
//
// Encoding, done here on the host and the same for every execution (so the
// quantized reference and the emulator see the same input events): pixel
// byte b is the value x = b / 255; rate: element i spikes at step t when
// ref::counterUniform(seed, t, i) < x, seed = the image's index in the
// file; latency: one spike at step round((1 - x) (N - 1)) when x > 0;
// direct: x at every step. A network whose input has its own encoder (an
// snn encoder op, nc.input's encoder) gets x at every step and encodes it
// itself; --encode is refused for it (it would encode twice).
//
// The class is the output neuron with the highest score (--readout):
// `count`, the nonzero outputs over the run (spikes; the default for a
// spiking output), `max` (the default for a graded output: li, cuba_li,
// integrator, a projection's current, an image's readout cores), `last`
// (the value at the last step, drain included) or `mean` over the run. The
// float reference scores float membranes, the quantized reference and the
// emulator the chip's integers (one scale per population, so the same
// ranking). A tie goes to the lowest index and is counted: the report
// gives how many inferences had one. `count` on a graded output is refused
// (it would count nonzero membrane values).
//
//
// About 660 lines: the flags, the three runners and the loop over the
// dataset; encoding (EvalData), lag (EvalLag) and scoring (EvalScoring) are
// their own files.
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "EvalData.h"
#include "EvalLag.h"
#include "EvalScoring.h"

#include "spikec/Dialect/NC/NCModels.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"
#include "spikec/IO/IdxDataset.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Image/ImageIO.h"
#include "spikec/Import/Import.h"
#include "spikec/Kernels/Encoders.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"
#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Reference/Simulator.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Support/OutputFile.h"
#include "spikec/Support/StepLag.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Process.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <optional>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {


static cl::opt<std::string> evalNetwork(cl::Positional,
                                        cl::desc("<net.nir|.json|.mlir|.simg>"),
                                        cl::init(""), cl::sub(evalCommand));
static cl::opt<std::string> evalDataset(
    "dataset",
    cl::desc("The labelled dataset: idx:IMAGES,LABELS (IDX files, gzip or "
             "not)"),
    cl::value_desc("idx:images,labels"), cl::init(""), cl::sub(evalCommand));
static cl::opt<std::string>
    evalEncode("encode",
               cl::desc("How a pixel becomes input: rate (a Bernoulli spike "
                        "per step), latency (one spike) or direct (the "
                        "value every step)"),
               cl::value_desc("rate|latency|direct"), cl::init("rate"),
               cl::sub(evalCommand));
static cl::opt<int64_t> evalTimesteps(
    "timesteps", cl::desc("Encoded steps per image"), cl::value_desc("N"),
    cl::init(25), cl::sub(evalCommand));
static cl::opt<int64_t> evalDrain(
    "drain",
    cl::desc("Zero-input steps after the encoded ones with hardware timing "
             "(default: the hops of the longest input-to-output path)"),
    cl::value_desc("N"), cl::init(-1), cl::sub(evalCommand));
static cl::opt<int64_t> evalLimit("limit",
                                  cl::desc("Use the first K images only"),
                                  cl::value_desc("K"), cl::init(0),
                                  cl::sub(evalCommand));
static cl::opt<std::string> evalMode(
    "mode",
    cl::desc("An image: functional (spikes only) or cycle (with latency and "
             "energy per inference)"),
    cl::value_desc("functional|cycle"), cl::init("functional"),
    cl::sub(evalCommand));
static cl::opt<std::string> evalReadout(
    "readout",
    cl::desc("How an output neuron's values over the run become its score: "
             "count (nonzero values; default for spiking outputs), max "
             "(default for membrane outputs: li, cuba_li, integrator), last "
             "or mean"),
    cl::value_desc("count|last|max|mean"), cl::init(""), cl::sub(evalCommand));
static cl::opt<bool> evalProgress(
    "progress",
    cl::desc("Show progress on stderr (default: when stderr is a terminal)"),
    cl::init(false), cl::sub(evalCommand));
static cl::opt<std::string> evalReport(
    "report", cl::desc("Write the figures and the confusion matrix as JSON"),
    cl::value_desc("file.json"), cl::init(""), cl::sub(evalCommand));
static cl::opt<int> evalThreads(
    "threads",
    cl::desc("Images run at once on an image (default 0: one per CPU core); "
             "the figures are the same for any count"),
    cl::value_desc("N"), cl::init(0), cl::sub(evalCommand));

namespace {

/// One of the three executions, for one input and one output.
struct Runner {
  std::string how;
  std::string inputName, outputName;
  int64_t inputWidth = 0, outputWidth = 0;
  /// The kind of the network's own encoder on its input ("rate", ...), ""
  /// when the input takes the rows as they are.
  std::string inputEncoder;
  /// Steps of hardware-timing lag (0 for layer timing).
  int64_t lag = 0;
  bool cycle = false;
  /// What the output reads when it is a membrane ("li 'out'", "readout
  /// cores of model loihi_readout"), "" when it reads spikes.
  std::string membrane;
  /// What its values are: "membranes", or "currents" for a projection's
  /// output or a direct encoder's.
  std::string gradedWhat = "membranes";
  /// Runs `rows` (one per step) from a fresh state; "" or what failed
  /// ("-" when a diagnostic has said it already).
  std::function<std::string(ref::Rows, Inference &)> run;
  /// Whether run() may be called from several threads at once (the
  /// emulator's: each call has its own; the references walk MLIR IR).
  bool concurrent = false;
};

/// Takes what a reference run gives: the scores of `output`'s neurons, and
/// the work. "-" when the run failed (a diagnostic said why).
std::string takeTrace(FailureOr<ref::Trace> trace, const std::string &output,
                      Inference &out) {
  if (failed(trace))
    return "-";
  for (const std::vector<double> &row : trace->outputs[output])
    scoreRow(row.data(), out);
  finishScores(out);
  out.synapticOps = trace->stats.synapticEvents;
  out.spikes = trace->stats.spikes;
  return "";
}

/// The (name, width) of each output op (snn.output, nc.output) of `body`.
template <typename OutputOp>
std::vector<std::pair<std::string, int64_t>> outputPorts(Block &body) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (auto op : body.getOps<OutputOp>())
    out.push_back(
        {op.getName().str(),
         cast<RankedTensorType>(op.getInput().getType()).getNumElements()});
  return out;
}

/// Checks that the network has one input and one output and names them.
std::string singlePorts(llvm::ArrayRef<io::InputSpec> inputs,
                        llvm::ArrayRef<std::pair<std::string, int64_t>> outputs,
                        Runner &runner) {
  if (inputs.size() != 1 || outputs.size() != 1)
    return "eval needs a network with one input and one output, this one has " +
           std::to_string(inputs.size()) + " inputs and " +
           std::to_string(outputs.size()) + " outputs";
  runner.inputName = inputs[0].name;
  runner.inputWidth = inputs[0].width();
  runner.outputName = outputs[0].first;
  runner.outputWidth = outputs[0].second;
  return "";
}

/// The emulator on an image read from `path`.
std::string imageRunner(const std::string &path, Runner &runner,
                        std::shared_ptr<target::TargetDesc> &desc) {
  auto read = image::readImageFile(path);
  if (auto *msg = std::get_if<std::string>(&read))
    return *msg;
  auto img = std::make_shared<image::Image>(
      std::move(std::get<image::Image>(read)));
  std::vector<io::InputSpec> inputs = io::getInputSpecs(*img);
  std::vector<std::pair<std::string, int64_t>> outputs;
  for (const image::Output &out : img->outputs)
    outputs.push_back({out.name, out.width});
  if (std::string why = singlePorts(inputs, outputs, runner); !why.empty())
    return path + ": " + why;
  runner.inputEncoder = img->inputs[0].encoder.kind;
  runner.lag = imageLag(*img);
  {
    // An output reads membranes when its neurons live on readout cores;
    // one port mixing the two has no single score.
    size_t readouts = 0;
    std::string model;
    for (const image::Endpoint &s : img->outputs[0].sources) {
      const nc::NCModel *m = nc::lookupNCModel(img->cores[s.core].model);
      if (m && m->readout) {
        ++readouts;
        model = m->name.str();
      }
    }
    if (readouts && readouts != img->outputs[0].sources.size())
      return path + ": output '" + runner.outputName + "' reads " +
             std::to_string(readouts) + " readout neurons (model " + model +
             ") and " +
             std::to_string(img->outputs[0].sources.size() - readouts) +
             " spiking ones: eval scores one kind per output";
    if (readouts)
      runner.membrane = "readout cores of model " + model;
  }
  runner.cycle = evalMode == "cycle";
  if (runner.cycle) {
    desc = std::make_shared<target::TargetDesc>();
    if (std::string why = emu::loadImageTarget(*img, targetOption, *desc);
        !why.empty())
      return path + ": " + why;
  }
  runner.how = "emulator (" + std::string(evalMode) + " mode) on the image for " +
               img->header.target;
  runner.concurrent = true;
  // A fresh emulator per image: the state starts at zero, as the references'.
  runner.run = [img, desc, &runner](ref::Rows rows,
                                    Inference &out) -> std::string {
    std::string why;
    auto emulator = emu::Emulator::create(*img, why);
    if (!emulator)
      return why;
    int64_t steps = rows.size();
    why = emulator->start({{runner.inputName, std::move(rows)}}, steps);
    if (!why.empty())
      return why;
    if (desc) {
      emu::CycleModel cycle(*desc, emulator->image());
      cycle.reserve(steps);
      emulator->run(cycle);
      out.ns = cycle.total().ns;
      out.pj = cycle.total().energy.total();
    } else {
      emulator->run();
    }
    const std::vector<int32_t> &values = emulator->outputRows(0);
    for (size_t k = 0; k + runner.outputWidth <= values.size();
         k += runner.outputWidth)
      scoreRow(values.data() + k, out);
    finishScores(out);
    out.synapticOps = emulator->stats().synapticEvents;
    out.spikes = emulator->stats().spikes;
    return "";
  };
  return "";
}

/// The float or the quantized reference on a network file.
std::string networkRunner(MLIRContext &ctx, OwningOpRef<ModuleOp> &module,
                          Runner &runner) {
  module = loadNetwork(ctx, evalNetwork);
  if (!module)
    return "-";
  auto nets = module->getBody()->getOps<snn::NetworkOp>();
  if (std::distance(nets.begin(), nets.end()) != 1)
    return evalNetwork + ": expected exactly one snn.network";
  snn::NetworkOp net = *nets.begin();
  PassManager pm(&ctx, ModuleOp::getOperationName());
  OpPassManager &netPM = pm.nest<snn::NetworkOp>();
  netPM.addPass(createInferShapes());
  DiscretizeOptions discretize;
  discretize.dt = dtOption;
  netPM.addPass(createDiscretize(discretize));
  if (failed(pm.run(*module)))
    return "-";

  if (targetOption.empty()) {
    if (std::string why =
            singlePorts(io::getInputSpecs(net),
                        outputPorts<snn::OutputOp>(net.getBodyBlock()), runner);
        !why.empty())
      return evalNetwork + ": " + why;
    for (auto in : net.getBodyBlock().getOps<snn::InputOp>())
      for (Operation *user : in->getUsers())
        if (snn::isEncoder(user))
          runner.inputEncoder =
              user->getName().getStringRef().rsplit("encode_").second.str();
    // Spikes come from inputs (encoded by eval) and spiking neurons, through
    // delays; anything else (li, cuba_li, integrator, a projection's
    // output, a direct encoder's current) is a graded value.
    for (auto out : net.getBodyBlock().getOps<snn::OutputOp>()) {
      Operation *def = out.getInput().getDefiningOp();
      while (isa_and_nonnull<snn::DelayOp>(def))
        def = def->getOperand(0).getDefiningOp();
      if (!def || isa<snn::InputOp>(def))
        continue;
      if (auto neuron = dyn_cast<snn::NeuronOpInterface>(def);
          neuron && neuron.isSpiking())
        continue;
      std::string name = spikec::nodeName(def);
      runner.membrane = def->getName().stripDialect().str() + " '" +
                        (name.empty() ? "<unnamed>" : name) + "'";
      if (!isa<snn::LIOp, snn::CubaLIOp, snn::IntegratorOp>(def))
        runner.gradedWhat = "currents";
    }
    // Hardware timing answers late by the network's lag, as a chip does;
    // layer timing in the same step.
    snn::Sync sync = *snn::parseSync(syncOption);
    runner.lag = sync == snn::Sync::Hardware ? snn::hardwareLag(net) : 0;
    runner.how = std::string("float reference, ") +
                 (sync == snn::Sync::Hardware ? "hardware" : "layer") +
                 " timing";
    runner.run = [net, sync, &runner](ref::Rows rows,
                                      Inference &out) -> std::string {
      ref::SimOptions options;
      options.sync = sync;
      options.timesteps = rows.size();
      return takeTrace(
          ref::simulate(net, {{runner.inputName, std::move(rows)}}, options),
          runner.outputName, out);
    };
    return "";
  }

  PassManager qpm(&ctx, ModuleOp::getOperationName());
  TargetPipelineOptions lower = targetPipelineOptions(targetOption);
  std::string why;
  if (failed(buildTargetPipeline(qpm, lower, why)))
    return why;
  if (failed(qpm.run(*module)))
    return "-";
  auto graphs = module->getBody()->getOps<nc::GraphOp>();
  if (std::distance(graphs.begin(), graphs.end()) != 1)
    return evalNetwork + ": quantization gave no single nc.graph";
  nc::GraphOp graph = *graphs.begin();
  if (std::string why =
          singlePorts(io::getInputSpecs(graph),
                      outputPorts<nc::OutputOp>(graph.getBodyBlock()), runner);
      !why.empty())
    return evalNetwork + ": " + why;
  for (auto in : graph.getBodyBlock().getOps<nc::InputOp>())
    if (DictionaryAttr encoder = in.getEncoderAttr())
      if (auto kind = encoder.getAs<StringAttr>("kind"))
        runner.inputEncoder = kind.str();
  runner.lag = graphLag(graph);
  for (auto out : graph.getBodyBlock().getOps<nc::OutputOp>())
    if (auto pop = out.getInput().getDefiningOp<nc::PopulationOp>())
      if (const nc::NCModel *m = nc::lookupNCModel(pop.getModel());
          m && m->readout)
        runner.membrane = "population '" + nameOfLocation(pop.getLoc()) +
                          "' of model " + m->name.str();
  runner.how = "quantized reference for " + graph.getTarget().str() +
               ", hardware timing";
  runner.run = [graph, &runner](ref::Rows rows, Inference &out) -> std::string {
    ref::QSimOptions options;
    options.timesteps = rows.size();
    return takeTrace(ref::simulateQuantized(
                         graph, {{runner.inputName, std::move(rows)}}, options),
                     runner.outputName, out);
  };
  return "";
}

} // namespace

int runEval(MLIRContext &ctx) {
  // Flags first: nothing is read when they cannot work.
  if (evalNetwork.empty())
    return usageError("say which network: spikec eval NET "
                      "--dataset=idx:IMAGES,LABELS");
  Encoding encoding;
  if (evalEncode == "rate")
    encoding = Encoding::Rate;
  else if (evalEncode == "latency")
    encoding = Encoding::Latency;
  else if (evalEncode == "direct")
    encoding = Encoding::Direct;
  else
    return usageError("unknown --encode '" + evalEncode +
                      "' (expected rate, latency or direct)");
  if (evalTimesteps <= 0)
    return usageError("--timesteps must be > 0, got " +
                      std::to_string(evalTimesteps));
  if (evalLimit.getNumOccurrences() && evalLimit <= 0)
    return usageError("--limit must be > 0, got " + std::to_string(evalLimit));
  if (evalDrain.getNumOccurrences() && evalDrain < 0)
    return usageError("--drain must be >= 0, got " + std::to_string(evalDrain));
  if (evalMode != "functional" && evalMode != "cycle")
    return usageError("unknown --mode '" + evalMode +
                      "' (expected functional or cycle)");
  unsigned evalThreadCount = 1;
  if (failed(parseThreads(evalThreads, evalThreadCount)))
    return 1;
  llvm::parallel::strategy = llvm::hardware_concurrency(evalThreadCount);
  if (!(dtOption > 0) || !std::isfinite(dtOption))
    return usageError("--dt must be a positive number of seconds, got " +
                      formatNumber(dtOption));
  StringRef spec = evalDataset;
  bool spikeTrains = spec.consume_front("npy:");
  if ((!spikeTrains && !spec.consume_front("idx:")) || !spec.contains(','))
    return usageError("--dataset: expected idx:IMAGES,LABELS or "
                      "npy:SAMPLES,LABELS, got '" +
                      evalDataset + "'");
  auto [imagesPath, labelsPath] = spec.split(',');
  if (spikeTrains && evalEncode.getNumOccurrences())
    return usageError("--encode=" + evalEncode +
                      ": an npy: dataset holds the input rows themselves, "
                      "fed as they are");
  bool isImage = StringRef(evalNetwork).ends_with(".simg");
  if (!isImage && evalMode == "cycle")
    return usageError("--mode=cycle runs an image (.simg); compile the "
                      "network with spikec compile first");
  for (auto [flag, given] :
       {std::pair<const char *, bool>{"--approx", !approxOption.empty()},
        {"--calibrate", !calibrateOption.empty()},
        {"--quant-report", !quantReportOption.empty()}})
    if (isImage && given)
      return usageError(std::string(flag) +
                        " applies when quantizing a network; an image is "
                        "quantized already");
  if (isImage && syncOption.getNumOccurrences() && syncOption != "hardware")
    return usageError("an image runs the chip's timing: --sync=" + syncOption +
                      " cannot be used with it");
  if (!isImage)
    if (std::string why = checkTargetFlags(!targetOption.empty());
        !why.empty())
      return usageError(why);

  std::optional<Readout> readout;
  if (evalReadout == "count")
    readout = Readout::Count;
  else if (evalReadout == "last")
    readout = Readout::Last;
  else if (evalReadout == "max")
    readout = Readout::Max;
  else if (evalReadout == "mean")
    readout = Readout::Mean;
  else if (!evalReadout.empty())
    return usageError("unknown --readout '" + evalReadout +
                      "' (expected count, last, max or mean)");

  io::LabelledImages data;
  io::NpyArray trains;
  if (spikeTrains) {
    if (failed(readSpikeTrains(imagesPath, labelsPath, ctx, trains, data)))
      return 1;
    if (evalTimesteps.getNumOccurrences() && evalTimesteps != trains.shape[1])
      return usageError("--timesteps=" + std::to_string(evalTimesteps) +
                        ": the samples of " + imagesPath.str() + " have " +
                        std::to_string(trains.shape[1]) + " steps");
    evalTimesteps = trains.shape[1];
  } else {
    auto read = io::readIdxDataset(imagesPath.str(), labelsPath.str());
    if (auto *why = std::get_if<std::string>(&read))
      return usageError(*why);
    data = std::move(std::get<io::LabelledImages>(read));
  }

  Runner runner;
  OwningOpRef<ModuleOp> module;
  std::shared_ptr<target::TargetDesc> desc;
  std::string why = isImage ? imageRunner(evalNetwork, runner, desc)
                            : networkRunner(ctx, module, runner);
  if (why == "-")
    return 1;
  if (!why.empty())
    return usageError(why);
  // A network that encodes its input itself gets the pixel values; a second
  // encoding on the host would feed its encoder spikes instead of values.
  std::string coding = spikeTrains ? "as given" : evalEncode + "-coded";
  if (!runner.inputEncoder.empty() && spikeTrains) {
    coding = "as given, into the network's " + runner.inputEncoder +
             " encoder";
  } else if (!runner.inputEncoder.empty()) {
    if (evalEncode.getNumOccurrences())
      return usageError(
          "--encode=" + evalEncode + ": input '" + runner.inputName + "' of " +
          evalNetwork + " has its own " + runner.inputEncoder +
          " encoder, which eval feeds the pixel values (b / 255); leave out "
          "--encode");
    encoding = Encoding::Direct;
    coding = "of pixel values into the network's " + runner.inputEncoder +
             " encoder";
  }
  if (data.itemSize != runner.inputWidth)
    return usageError(imagesPath + ": images of " +
                      std::to_string(data.itemSize) +
                      " values do not match the width " +
                      std::to_string(runner.inputWidth) + " of input '" +
                      runner.inputName + "' of " + evalNetwork);
  if (data.numClasses > runner.outputWidth)
    return usageError(labelsPath + ": labels go up to " +
                      std::to_string(data.numClasses - 1) + ", output '" +
                      runner.outputName + "' of " + evalNetwork + " has " +
                      std::to_string(runner.outputWidth) + " neurons");
  if (!readout)
    readout = runner.membrane.empty() ? Readout::Count : Readout::Max;
  else if (*readout == Readout::Count && !runner.membrane.empty())
    return usageError(
        "--readout=count: output '" + runner.outputName + "' of " +
        evalNetwork + " reads " + runner.membrane + ", whose values are " +
        runner.gradedWhat +
        ", not spikes (counting nonzero values would score every neuron "
        "alike); use --readout=max, last or mean");
  int64_t drain = runner.lag;
  if (evalDrain.getNumOccurrences())
    drain = evalDrain;
  else if (drain < 0)
    return usageError(evalNetwork + " is recurrent: its lag has no longest "
                                    "path; give --drain=N");

  int64_t count = data.count;
  if (evalLimit.getNumOccurrences())
    count = std::min<int64_t>(count, evalLimit);
  int64_t classes = runner.outputWidth;
  std::vector<std::vector<uint64_t>> confusion(
      classes, std::vector<uint64_t>(classes, 0));
  uint64_t correct = 0, synapticOps = 0, spikes = 0, ties = 0;
  double ns = 0, pj = 0;
  // Progress on stderr, when it is a terminal or with --progress; the line
  // is rewritten in place and cleared at the end.
  const bool progress =
      evalProgress || llvm::sys::Process::StandardErrIsDisplayed();
  int64_t shown = -1;
  auto showProgress = [&](int64_t done) {
    constexpr int64_t width = 30;
    int64_t filled = done * width / count;
    llvm::errs() << "\reval [" << std::string(size_t(filled), '#')
                 << std::string(size_t(width - filled), ' ') << "] "
                 << llvm::format("%3lld%% %lld/%lld images",
                                 (long long)(done * 100 / count),
                                 (long long)done, (long long)count);
    llvm::errs().flush();
  };
  // Images run in chunks, each image of a chunk on a thread when the runner
  // allows; their figures are added in image order, so the totals do not
  // depend on the thread count.
  unsigned threads = runner.concurrent ? evalThreadCount : 1;
  const int64_t chunk = 8 * int64_t(threads);
  std::vector<Inference> results;
  std::vector<std::string> failures;
  for (int64_t first = 0; first < count; first += chunk) {
    if (progress && (first * 100 / count) != shown) {
      shown = first * 100 / count;
      showProgress(first);
    }
    int64_t n = std::min(chunk, count - first);
    results.assign(size_t(n), Inference());
    failures.assign(size_t(n), "");
    auto one = [&](size_t k) {
      int64_t i = first + int64_t(k);
      Inference &inference = results[k];
      inference.score.assign(classes, 0.0);
      inference.readout = *readout;
      failures[k] = runner.run(
          spikeTrains ? sampleRows(trains, i, drain)
                      : encodeImage(data.pixels.data() + i * data.itemSize,
                                    data.itemSize, encoding, uint64_t(i),
                                    evalTimesteps, drain),
          inference);
    };
    if (threads > 1)
      llvm::parallelFor(0, size_t(n), one);
    else
      for (size_t k = 0; k < size_t(n); ++k)
        one(k);
    for (int64_t k = 0; k < n; ++k) {
      const std::string &why = failures[k];
      if (why == "-")
        return 1;
      if (!why.empty())
        return usageError(evalNetwork + ": image " + std::to_string(first + k) +
                          ": " + why);
      const Inference &inference = results[k];
      bool tie = false;
      int64_t label = data.labels[first + k],
              predicted = argmax(inference.score, tie);
      ties += tie;
      confusion[label][predicted] += 1;
      correct += label == predicted;
      synapticOps += inference.synapticOps;
      spikes += inference.spikes;
      ns += inference.ns;
      pj += inference.pj;
    }
  }

  if (progress) {
    showProgress(count);
    llvm::errs() << "\n";
  }
  // Every output silent on every image scores class 0 throughout: almost
  // always a network read in the wrong convention.
  if (spikes == 0 && runner.membrane.empty())
    llvm::errs() << "warning: no neuron spiked in any of the " << count
                 << " inferences, so every class scored 0: if the file's "
                    "parameters are per step (discrete-time NIR, as Sinabs "
                    "writes), use --nir-discrete; otherwise check --dt, "
                    "--encode and the thresholds' units\n";
  double n = double(count);
  llvm::raw_ostream &os = llvm::outs();
  os << "eval      " << evalNetwork << ": " << runner.how << "\n"
     << "data      " << count << (spikeTrains ? " samples of " : " images of ")
     << imagesPath << ", "
     << evalTimesteps << " steps " << coding;
  if (drain)
    os << " + " << drain << " drain steps";
  os << "\n"
     << llvm::format("accuracy  %.2f%% (%llu/%lld)\n", 100.0 * correct / n,
                     (unsigned long long)correct, (long long)count)
     << "readout   " << readoutName(*readout) << " of output '"
     << runner.outputName << "' ("
     << (runner.membrane.empty() ? std::string("spikes")
                                 : runner.gradedWhat + " of " + runner.membrane)
     << ")\n"
     << "ties      " << ties << " of " << count
     << " inferences had a tie for the highest score (the lowest class "
        "was taken)\n"
     << llvm::format("per inference: %.1f synaptic ops, %.1f spikes\n",
                     synapticOps / n, spikes / n);
  if (runner.cycle)
    os << llvm::format("per inference: latency %.3f us, energy %.3f uJ\n",
                       ns / n * 1e-3, pj / n * 1e-6);
  os << "confusion (rows: label, columns: predicted class)\n      ";
  for (int64_t k = 0; k < classes; ++k)
    os << llvm::format("%6lld", (long long)k);
  os << "\n";
  for (int64_t l = 0; l < classes; ++l) {
    os << llvm::format("%6lld", (long long)l);
    for (int64_t k = 0; k < classes; ++k)
      os << llvm::format("%6llu", (unsigned long long)confusion[l][k]);
    os << "\n";
  }

  if (!evalReport.empty()) {
    nlohmann::json report = {
        {"network", evalNetwork.getValue()},
        {"run", runner.how},
        {"images", count},
        {"timesteps", evalTimesteps.getValue()},
        {"drain", drain},
        {"encode", spikeTrains ? std::string("as given")
                   : runner.inputEncoder.empty()
                       ? evalEncode.getValue()
                       : "network " + runner.inputEncoder},
        {"correct", correct},
        {"readout", readoutName(*readout)},
        {"output_kind", runner.membrane.empty() ? "spikes" : runner.gradedWhat},
        {"ties", ties},
        {"accuracy", correct / n},
        {"synaptic_ops_per_inference", synapticOps / n},
        {"spikes_per_inference", spikes / n},
        {"confusion", confusion}};
    // The host's rate encoding is seeded per image (see the top of the
    // file): the report says so, as the emulator's names its seeds.
    if (!spikeTrains && runner.inputEncoder.empty() &&
        encoding == Encoding::Rate)
      report["rate_seed"] = "the image's index in the dataset";
    if (runner.cycle) {
      report["latency_s_per_inference"] = ns / n * 1e-9;
      report["energy_j_per_inference"] = pj / n * 1e-12;
    }
    std::string why = writeFileAtomically(evalReport, report.dump(2) + "\n");
    if (!why.empty())
      return usageError(why);
  }
  return 0;
}

} // namespace spikec::driver
