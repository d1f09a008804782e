//===- Loihi2Compiler.cpp - loihi2's compiler registration ----------------===//
//
// The loihi2 arithmetic's snn-quantize backend (QuantizeLoihi2.cpp) and its
// legalization: loihi2's cores are loihi's, so it applies loihi's core rules
// (LegalizeLoihi.h) with its own models. The pass is built here rather than
// declared in NC/Passes.td, so the chip stays in its folder; it runs in the
// target pipeline and is not a spikec-opt pass.
//
//===----------------------------------------------------------------------===//

#include "../../loihi/compiler/LegalizeLoihi.h"
#include "ChipCompiler.h"
#include "LegalizeCommon.h"

#include "mlir/Pass/Pass.h"

using namespace spikec;

namespace spikec::quant {
std::unique_ptr<Backend> makeLoihi2Backend(const target::TargetDesc &t);
} // namespace spikec::quant

namespace {
struct LegalizeLoihi2Pass
    : mlir::PassWrapper<LegalizeLoihi2Pass,
                        mlir::OperationPass<nc::GraphOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(LegalizeLoihi2Pass)

  explicit LegalizeLoihi2Pass(const TargetPipelineOptions &options)
      : target(options.target), approx(options.approximations) {}
  llvm::StringRef getArgument() const override { return "nc-legalize-loihi2"; }
  llvm::StringRef getDescription() const override {
    return "Check an nc.graph against loihi2's core rules (loihi's)";
  }

  void runOnOperation() override {
    nc::GraphOp graph = getOperation();
    // loihi2 knows no approximations.
    if (failed(legalize::checkApproximations(graph, approx, {})))
      return signalPassFailure();
    auto desc = legalize::loadGraphTarget(graph, target, "loihi2");
    if (failed(desc) || failed(legalize::checkLoihiCores(
                            graph, **desc, target::getLoihi2Chip(), approx)))
      signalPassFailure();
  }

  std::string target;
  std::vector<std::string> approx;
};
} // namespace

const ChipCompiler &spikec::getLoihi2ChipCompiler() {
  static const ChipCompiler compiler{
      "loihi2", quant::makeLoihi2Backend,
      [](mlir::OpPassManager &pm, const TargetPipelineOptions &options) {
        pm.addNestedPass<nc::GraphOp>(
            std::make_unique<LegalizeLoihi2Pass>(options));
      }};
  return compiler;
}
