//===- MeasureActivity.h - what sample inputs do, for snn-quantize -*- C++
//-*-===//
#ifndef SPIKEC_TOOLS_SPIKEC_MEASUREACTIVITY_H
#define SPIKEC_TOOLS_SPIKEC_MEASUREACTIVITY_H

#include "spikec/Passes/Calibration.h"

#include <string>

namespace spikec::driver {

/// --calibrate=FILE for snn-quantize: reads the sample inputs in `path` and
/// runs the float reference (hardware timing) on each network the pass is
/// about to lower, measuring every source's rate and every population's
/// input and membrane ranges; errors are emitted on the network.
quant::CalibrationSource calibrationFromSamples(std::string path);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_MEASUREACTIVITY_H
