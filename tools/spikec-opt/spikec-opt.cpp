//===- spikec-opt.cpp - run snn passes on MLIR text, like mlir-opt --------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<spikec::snn::SNNDialect, spikec::nc::NCDialect>();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  spikec::registerSpikecPasses();
  spikec::registerSpikecPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "spikec optimizer driver\n", registry));
}
