//===- TrueNorthCompiler.cpp - truenorth's compiler registration ----------===//
//
// The truenorth arithmetic's snn-quantize backend (QuantizeTrueNorth.cpp) and
// its legalization (LegalizeTrueNorth.cpp) in the target pipeline.
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Passes/Passes.h"

using namespace spikec;

namespace {
/// nc-legalize-truenorth after snn-quantize, writing its part of the report.
void addLegalization(mlir::OpPassManager &pm,
                     const TargetPipelineOptions &options) {
  auto legalize = legalizeOptions<LegalizeTrueNorthOptions>(options);
  legalize.report = options.report;
  pm.addNestedPass<nc::GraphOp>(createLegalizeTrueNorth(legalize));
}
} // namespace

const ChipCompiler &spikec::getTrueNorthChipCompiler() {
  static const ChipCompiler compiler{"truenorth", quant::makeTrueNorthBackend,
                                     addLegalization};
  return compiler;
}
