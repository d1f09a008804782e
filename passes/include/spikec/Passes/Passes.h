//===- Passes.h - spikec passes ---------------------------------*- C++ -*-===//
#ifndef SPIKEC_PASSES_PASSES_H
#define SPIKEC_PASSES_PASSES_H

#include "mlir/Pass/Pass.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Calibration.h"

namespace spikec {
#define GEN_PASS_DECL
#include "spikec/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spikec/Passes/Passes.h.inc"

/// snn-quantize with what the driver measured on sample inputs.
std::unique_ptr<mlir::Pass>
createQuantize(const QuantizeOptions &options,
               quant::CalibrationSource calibration);
} // namespace spikec

#endif // SPIKEC_PASSES_PASSES_H
