//===- CompileCommand.cpp - spikec compile: a network to a hardware image -===//
//
// `spikec compile NET --target=T -o net.simg [--emit=image-json]`: an
// snn.network is discretized, quantized and legalized for T
// (buildTargetPipeline), then partitioned, placed and routed into an nc.chip,
// whose image is written. NET may also be an nc.chip (.mlir), written as it
// is.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "CalibrationReport.h"
#include "MappingReport.h"
#include "ProfileRates.h"

#include "spikec/Dialect/NC/ChipImage.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Image/ImageIO.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"
#include "spikec/Support/NodeLocations.h"
#include "spikec/Support/OutputFile.h"
#include "spikec/Target/Target.h"

#include "mlir/Pass/PassManager.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

static cl::opt<std::string> compileOutput("o", cl::desc("Output file"),
                                          cl::value_desc("file"), cl::init(""),
                                          cl::sub(compileCommand));
static cl::opt<std::string> compileReport(
    "report", cl::desc("Also write the mapping report as JSON to this file"),
    cl::value_desc("file.json"), cl::init(""), cl::sub(compileCommand));
static cl::opt<std::string> compileProfile(
    "profile",
    cl::desc("Weigh the partitioner's edges by firing rates: the quantized "
             "network runs on this input file first"),
    cl::value_desc("input.json"), cl::init(""), cl::sub(compileCommand));
static cl::opt<bool> compileQuiet(
    "quiet", cl::desc("Do not print the mapping report"), cl::init(false),
    cl::sub(compileCommand));
static cl::opt<std::string> compileEmit(
    "emit",
    cl::desc("What to write: image (default, binary), image-json, or the IR "
             "after a stage: discretize, legalize (quantized and legalized "
             "nc.graph), partition, place, route (the nc.chip)"),
    cl::value_desc("image|image-json|discretize|legalize|partition|place|"
                   "route"),
    cl::init("image"), cl::sub(compileCommand));

/// The --emit values that stop after a stage and print its IR.
static bool isStage(llvm::StringRef emit) {
  return emit == "discretize" || emit == "legalize" || emit == "partition" ||
         emit == "place" || emit == "route";
}

int runCompile(MLIRContext &ctx) {
  if (compileEmit != "image" && compileEmit != "image-json" &&
      !isStage(compileEmit))
    return usageError("--emit=" + compileEmit +
                      ": expected image, image-json, discretize, legalize, "
                      "partition, place or route");
  if (compileOutput.empty())
    return usageError("give the output file with -o");
  // An image is always for a chip: loihi unless --target names another.
  std::string compileTarget =
      targetOption.empty() ? std::string("loihi") : std::string(targetOption);
  if (std::string why = checkTargetFlags(/*hasTarget=*/true); !why.empty())
    return usageError(why);
  OwningOpRef<ModuleOp> module = loadNetwork(ctx);
  if (!module)
    return 1;
  StageTimes times;
  int exitCode = 0;
  // Runs one stage's passes and records how long it took; false when the
  // compile ends here (a failure, or --emit names this stage: its IR is
  // written), with exitCode set.
  auto stage = [&](const char *name, const char *emitKey,
                   llvm::function_ref<void(PassManager &)> build) {
    PassManager pm(&ctx, ModuleOp::getOperationName());
    build(pm);
    auto start = std::chrono::steady_clock::now();
    LogicalResult ok = pm.run(*module);
    times.push_back(
        {name, std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                             start)
                   .count()});
    if (failed(ok)) {
      exitCode = 1;
      return false;
    }
    if (compileEmit != emitKey)
      return true;
    // With the locations, which hold the node names: the printed stage is
    // probed, reported and compiled on by the same names.
    dropFileLocations(*module);
    std::string why =
        writeFileAtomically(compileOutput, [&](llvm::raw_ostream &out) {
          module->print(out, OpPrintingFlags().enableDebugInfo());
          return std::string();
        });
    if (!why.empty())
      exitCode = usageError(why);
    return false;
  };
  // A population that resets its state on a schedule (netx's
  // --netx-reset-interval) runs on the quantized reference only: neither
  // the image nor the emulator has the schedule.
  for (auto graph : module->getBody()->getOps<nc::GraphOp>())
    for (auto pop : graph.getBodyBlock().getOps<nc::PopulationOp>())
      if (pop.getStateResetAttr()) {
        pop.emitError() << "state_reset (a periodic reset of the neurons' "
                           "state) cannot be mapped onto cores: the image "
                           "and the emulator have no reset schedule; "
                           "simulate it with the quantized reference";
        return 1;
      }
  auto chips = module->getBody()->getOps<nc::ChipOp>();
  if (chips.empty()) {
    if (!module->getBody()->getOps<snn::NetworkOp>().empty()) {
      if (!stage("discretize", "discretize", [&](PassManager &pm) {
            OpPassManager &netPM = pm.nest<snn::NetworkOp>();
            netPM.addPass(createInferShapes());
            DiscretizeOptions discretize;
            discretize.dt = dtOption;
            netPM.addPass(createDiscretize(discretize));
          }))
        return exitCode;
      TargetPipelineOptions lower = targetPipelineOptions(compileTarget);
      std::string why;
      PassManager check(&ctx, ModuleOp::getOperationName());
      if (failed(buildTargetPipeline(check, lower, why)))
        return usageError(why);
      // With --calibrate, the report also compares float and quantized
      // spikes on the samples, as `spikec simulate --calibrate` does.
      std::optional<CalibrationRun> samples;
      if (!calibrateOption.empty()) {
        auto run = runFloatOnSamples(
            *module->getBody()->getOps<snn::NetworkOp>().begin(),
            calibrateOption);
        if (failed(run))
          return 1;
        samples = std::move(*run);
      }
      if (!stage("quantize+legalize", "legalize", [&](PassManager &pm) {
            (void)buildTargetPipeline(pm, lower, why);
          }))
        return exitCode;
      if (samples)
        for (auto graph : module->getBody()->getOps<nc::GraphOp>())
          if (failed(
                  reportAgreement(graph, *samples, quantReportOption, nullptr)))
            return 1;
    }
    if (!compileProfile.empty()) {
      auto start = std::chrono::steady_clock::now();
      for (auto graph : module->getBody()->getOps<nc::GraphOp>())
        if (failed(attachProfileRates(graph, compileProfile)))
          return 1;
      times.push_back(
          {"profile", std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count()});
    }
    if (!stage("partition", "partition",
               [&](PassManager &pm) {
                 PartitionOptions partition;
                 partition.target = compileTarget;
                 pm.nest<nc::GraphOp>().addPass(createPartition(partition));
               }) ||
        !stage("place", "place",
               [&](PassManager &pm) {
                 PlaceOptions place;
                 place.target = compileTarget;
                 pm.nest<nc::GraphOp>().addPass(createPlace(place));
               }) ||
        !stage("route", "route", [&](PassManager &pm) {
          RouteOptions route;
          route.target = compileTarget;
          pm.addPass(createRoute(route));
        }))
      return exitCode;
    chips = module->getBody()->getOps<nc::ChipOp>();
    if (chips.empty())
      return usageError("the network gave no nc.chip");
  } else if (isStage(compileEmit)) {
    return usageError("--emit=" + compileEmit +
                      ": the input is already an nc.chip");
  }
  nc::ChipOp chip = *chips.begin();
  if (failed(verify(chip)))
    return 1;
  image::Provenance prov;
  prov.toolVersion = "spikec " + versionString();
  prov.network = chip.getSymName().str();
  prov.options.push_back({"input", networkPath});
  // The header records the target (name and hash); these, what else shaped
  // the image.
  if (dtOption.getNumOccurrences())
    prov.options.push_back({"dt", formatNumber(dtOption, 17)});
  if (!approxOption.empty())
    prov.options.push_back(
        {"approx", llvm::join(approxOption.begin(), approxOption.end(), ",")});
  if (!calibrateOption.empty()) {
    prov.options.push_back({"calibrate", calibrateOption});
    prov.options.push_back(
        {"calibrate-margin", formatNumber(calibrateMarginOption)});
  }
  auto img = nc::chipToImage(chip, prov);
  if (failed(img))
    return 1;
  // The image carries its target's description, so that it runs in cycle
  // mode, co-simulates and evaluates without the description file. An
  // nc.chip read as it is may name a hash that no description has now: its
  // image then carries none, and runs with --target as before.
  if (auto loaded = nc::getTargetCache(&ctx).get(compileTarget);
      auto *desc = std::get_if<nc::SharedTarget>(&loaded))
    if ((*desc)->name == img->header.target &&
        (*desc)->contentHashHex() == img->header.targetHash)
      img->targetDescription = (*desc)->toJson(-1);
  if (compileEmit == "image-json") {
    std::string invalid = image::validate(*img);
    if (!invalid.empty())
      return usageError("the image would be invalid: " + invalid);
    std::string text = image::toJSON(*img).dump(2) + "\n";
    if (std::string why = writeFileAtomically(compileOutput, text);
        !why.empty())
      return usageError(why);
    return 0;
  }
  if (compileOutput == "-")
    return usageError("the image is binary: give a file name with -o");
  auto start = std::chrono::steady_clock::now();
  std::string why = image::writeImageFile(*img, compileOutput);
  if (!why.empty())
    return usageError(why);
  times.push_back({"image", std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - start)
                                .count()});
  if (failed(writeMappingReport(chip, times,
                                compileQuiet ? llvm::nulls() : llvm::outs(),
                                compileReport)))
    return 1;
  return 0;
}

} // namespace spikec::driver
