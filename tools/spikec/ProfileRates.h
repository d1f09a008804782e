//===- ProfileRates.h - firing rates for the partitioner -------*- C++ -*-===//
//
// `spikec compile --profile=INPUT`: the quantized reference runs the
// legalized nc.graph on INPUT and every population and input gets `rates`
// (events per step per element), which nc-partition weighs the edges with
// (MapNetwork.h), so inter-core traffic is counted in expected events, not
// synapses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_PROFILERATES_H
#define SPIKEC_TOOLS_SPIKEC_PROFILERATES_H

#include "spikec/Dialect/NC/NCOps.h"

#include "llvm/ADT/StringRef.h"

namespace spikec::driver {

/// Runs `graph` on the input file at `path` (all its rows) and attaches the
/// rates; fails after reporting why (an unreadable input, unnamed nodes).
mlir::LogicalResult attachProfileRates(nc::GraphOp graph,
                                       llvm::StringRef path);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_PROFILERATES_H
