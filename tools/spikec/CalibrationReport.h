//===- CalibrationReport.h - float vs quantized on sample inputs -*- C++ -*-===//
//
// `spikec simulate --target=T --calibrate=FILE`: snn-quantize picks its
// scales from the float reference's activity on FILE; these functions then
// measure what that bought: the float and the quantized network on the same
// samples, population by population, in the quantization report and the
// summary.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_CALIBRATIONREPORT_H
#define SPIKEC_TOOLS_SPIKEC_CALIBRATIONREPORT_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Reference/Simulator.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace spikec::driver {

struct CalibrationRun {
  std::string path;
  ref::InputRows rows;
  int64_t timesteps = 0;
  std::vector<std::string> populations; ///< named spiking populations
  ref::Trace floatTrace;
};

/// Runs the float reference with hardware timing on the sample inputs in
/// `path`, recording every named spiking population. Call it before the
/// network is quantized.
mlir::FailureOr<CalibrationRun> runFloatOnSamples(snn::NetworkOp net,
                                                  const std::string &path);

/// Runs the quantized graph on the same samples and compares every
/// population; adds a "calibration" section to the JSON report at
/// `reportPath` (when not empty) and prints the comparison to `summary`
/// (when not null).
mlir::LogicalResult reportAgreement(nc::GraphOp graph, CalibrationRun &run,
                                    const std::string &reportPath,
                                    llvm::raw_ostream *summary);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_CALIBRATIONREPORT_H
