//===- Pipelines.cpp - named pass pipelines -------------------------------===//

#include "ChipCompiler.h"

#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"
#include "spikec/Target/Target.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace spikec {

/// The passes of buildTargetPipeline for `desc`, read from options.target.
static LogicalResult addTargetPipeline(OpPassManager &pm,
                                       const TargetPipelineOptions &options,
                                       const target::TargetDesc &desc,
                                       std::string &error) {
  QuantizeOptions quantize;
  quantize.target = options.target;
  quantize.report = options.report;
  quantize.calibrateMargin = options.calibrateMargin;
  quantize.approx = options.approximations;
  pm.addNestedPass<snn::NetworkOp>(createThresholdToNeuron());
  pm.addPass(createQuantize(quantize, options.calibration));
  const ChipCompiler *chip = lookupChipCompiler(desc.arithmetic);
  if (chip && chip->addLegalization) {
    chip->addLegalization(pm, options);
  } else if (!options.approximations.empty()) {
    error = std::string("target '") + desc.name + "' (arithmetic '" +
            desc.arithmetic + "') has no approximations to allow; --approx=" +
            options.approximations.front() + " is not one";
    return failure();
  }
  // What every later stage assumes, checked once here.
  pm.addPass(createCheckContract());
  return success();
}

static std::string cannotLoad(const TargetPipelineOptions &options,
                              const std::string &why) {
  return "cannot load target '" + options.target + "': " + why;
}

LogicalResult buildTargetPipeline(PassManager &pm,
                                  const TargetPipelineOptions &options,
                                  std::string &error) {
  // Read into the context's cache: snn-quantize and every later pass share
  // this one reading.
  auto loaded = nc::getTargetCache(pm.getContext()).get(options.target);
  if (auto *why = std::get_if<std::string>(&loaded)) {
    error = cannotLoad(options, *why);
    return failure();
  }
  return addTargetPipeline(pm, options, *std::get<nc::SharedTarget>(loaded),
                           error);
}

LogicalResult buildTargetPipeline(OpPassManager &pm,
                                  const TargetPipelineOptions &options,
                                  std::string &error) {
  auto loaded = target::loadTarget(options.target);
  if (auto *why = std::get_if<std::string>(&loaded)) {
    error = cannotLoad(options, *why);
    return failure();
  }
  return addTargetPipeline(pm, options, std::get<target::TargetDesc>(loaded),
                           error);
}

namespace {
struct LowerToTargetOptions
    : public PassPipelineOptions<LowerToTargetOptions> {
  Option<std::string> target{*this, "target",
                             llvm::cl::desc("target preset or description"),
                             llvm::cl::init("loihi")};
  Option<std::string> report{*this, "report",
                             llvm::cl::desc("quantization report file")};
  ListOption<std::string> approx{
      *this, "approx", llvm::cl::desc("approximations to allow, by name")};
};
} // namespace

void registerSpikecPipelines() {
  PassPipelineRegistration<LowerToTargetOptions>(
      "spikec-lower-to-target",
      "Quantize discretized snn networks for a target and legalize them",
      [](OpPassManager &pm, const LowerToTargetOptions &o) {
        TargetPipelineOptions options;
        options.target = o.target;
        options.report = o.report;
        options.approximations.assign(o.approx.begin(), o.approx.end());
        std::string error;
        if (failed(buildTargetPipeline(pm, options, error)))
          llvm::report_fatal_error(llvm::StringRef(error), false);
      });
}

} // namespace spikec
