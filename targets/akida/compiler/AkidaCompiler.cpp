//===- AkidaCompiler.cpp - akida's compiler registration ------------------===//
//
// The akida arithmetic's snn-quantize backend (QuantizeAkida.cpp) and its
// legalization (LegalizeAkida.cpp) in the target pipeline.
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Passes/Passes.h"

using namespace spikec;

const ChipCompiler &spikec::getAkidaChipCompiler() {
  // nc-legalize-akida after snn-quantize.
  static const ChipCompiler compiler{
      "akida", quant::makeAkidaBackend,
      [](mlir::OpPassManager &pm, const TargetPipelineOptions &options) {
        pm.addNestedPass<nc::GraphOp>(createLegalizeAkida(
            legalizeOptions<LegalizeAkidaOptions>(options)));
      }};
  return compiler;
}
