//===- Pipelines.h - named pass pipelines -----------------------*- C++ -*-===//
//
// The stages `spikec` runs between a discretized snn.network and an nc.graph
// a chip can run, in one place, so the driver and spikec-opt's named
// pipeline (`spikec-lower-to-target`) cannot drift apart.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_PIPELINES_H
#define SPIKEC_PASSES_PIPELINES_H

#include "spikec/Passes/Calibration.h"

#include "mlir/Pass/PassManager.h"

#include <string>
#include <vector>

namespace spikec {

struct TargetPipelineOptions {
  std::string target = "loihi"; ///< preset name or description path
  std::string report;           ///< quantization report file, or ""
  /// What sample inputs did to the network (the driver measures it), or
  /// empty: snn-quantize then bounds its scales by the worst case.
  quant::CalibrationSource calibration;
  double calibrateMargin = 1.5; ///< widening of the measured ranges
  /// Approximations the user allows by name (each legalization documents
  /// the ones it knows); anything not allowed that is not exact is an error.
  std::vector<std::string> approximations;
};

/// Adds snn-quantize and then the legalization of the target's arithmetic
/// (nc-legalize-<arithmetic>) to a module-level `pm`. Fails with `error`
/// when the target does not load. The description is read once into the
/// context's cache (NCTarget.h), where every pass finds it.
mlir::LogicalResult buildTargetPipeline(mlir::PassManager &pm,
                                        const TargetPipelineOptions &options,
                                        std::string &error);
/// The same for a pass manager not yet bound to a context (a textual
/// pipeline): the description is read here, and again by snn-quantize.
mlir::LogicalResult buildTargetPipeline(mlir::OpPassManager &pm,
                                        const TargetPipelineOptions &options,
                                        std::string &error);

/// Registers `spikec-lower-to-target{target=... report=... approx=...}`.
void registerSpikecPipelines();

} // namespace spikec

#endif // SPIKEC_PASSES_PIPELINES_H
