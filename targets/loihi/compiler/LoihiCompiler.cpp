//===- LoihiCompiler.cpp - loihi's compiler registration ------------------===//
//
// The loihi arithmetic's snn-quantize backend (QuantizeLoihi.cpp) and its
// legalization (LegalizeLoihi.cpp) in the target pipeline.
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Passes/Passes.h"

using namespace spikec;

const ChipCompiler &spikec::getLoihiChipCompiler() {
  // nc-legalize-loihi after snn-quantize.
  static const ChipCompiler compiler{
      "loihi", quant::makeLoihiBackend,
      [](mlir::OpPassManager &pm, const TargetPipelineOptions &options) {
        pm.addNestedPass<nc::GraphOp>(createLegalizeLoihi(
            legalizeOptions<LegalizeLoihiOptions>(options)));
      }};
  return compiler;
}
