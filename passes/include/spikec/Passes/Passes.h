//===- Passes.h - spikec passes ---------------------------------*- C++ -*-===//
//
// The one header the tools include: every pass of the three groups (snn
// transforms, nc passes, the snn -> nc conversion), each declared in its own
// .td (SNN/, NC/, Conversion/).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_PASSES_H
#define SPIKEC_PASSES_PASSES_H

#include "mlir/Pass/Pass.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Calibration.h"

namespace spikec {
#define GEN_PASS_DECL
#include "spikec/Passes/SNN/Passes.h.inc"
#define GEN_PASS_DECL
#include "spikec/Passes/NC/Passes.h.inc"
#define GEN_PASS_DECL
#include "spikec/Passes/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spikec/Passes/SNN/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "spikec/Passes/NC/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "spikec/Passes/Conversion/Passes.h.inc"

/// Registers every spikec pass with the global registry.
inline void registerSpikecPasses() {
  registerSNNPasses();
  registerNCPasses();
  registerConversionPasses();
}

/// snn-quantize with what the driver measured on sample inputs.
std::unique_ptr<mlir::Pass>
createQuantize(const QuantizeOptions &options,
               quant::CalibrationSource calibration);
} // namespace spikec

#endif // SPIKEC_PASSES_PASSES_H
