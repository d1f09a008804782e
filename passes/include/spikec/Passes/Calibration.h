//===- Calibration.h - measured activity handed to snn-quantize -*- C++ -*-===//
//
// snn-quantize bounds its scales by the worst case unless it is told what a
// network does on sample inputs: each population's input range and membrane
// range, and how often each source neuron is active. Measuring that means
// reading a spike file and running the float reference, which is the
// driver's business (spikec --calibrate: tools/spikec/CalibrationReport.h);
// the pass only consumes the result, through a CalibrationSource the
// driver hands to it.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_CALIBRATION_H
#define SPIKEC_PASSES_CALIBRATION_H

#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace spikec::quant {

/// What the samples did to one population, per neuron, in float units: the
/// range of its summed input x (projections and their biases) and the range
/// of its membrane (empty for a model without v).
struct PopulationActivity {
  std::vector<double> inMin, inMax, vMin, vMax;
};

/// A network's activity on sample inputs (hardware timing), by snn source
/// value (each neuron's mean |value| per step) and by population op.
struct Calibration {
  int64_t timesteps = 0;
  llvm::DenseMap<mlir::Value, std::vector<double>> rate;
  llvm::DenseMap<mlir::Operation *, PopulationActivity> pops;
};

/// Measures a discretized network just before snn-quantize lowers it (its
/// ops as they are then); errors are emitted on the network.
using CalibrationSource =
    std::function<mlir::FailureOr<Calibration>(snn::NetworkOp)>;

} // namespace spikec::quant

#endif // SPIKEC_PASSES_CALIBRATION_H
