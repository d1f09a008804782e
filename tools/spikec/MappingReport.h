//===- MappingReport.h - what spikec compile made of a network --*- C++ -*-===//
//
// The mapping report (issue 5): cores used against the lower bound, the use
// of every per-core resource, expected inter-core spikes, hops, and the
// compile time of each stage; a table on the terminal and the same as JSON.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_MAPPINGREPORT_H
#define SPIKEC_TOOLS_SPIKEC_MAPPINGREPORT_H

#include "spikec/Dialect/NC/NCOps.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>
#include <vector>

namespace spikec::driver {

/// (stage, seconds) in the order the stages ran.
using StageTimes = std::vector<std::pair<std::string, double>>;

/// Prints the report of `chip` to `os` and, when `jsonPath` is not empty,
/// writes it there as JSON; fails (on the chip) when the file cannot be
/// written.
mlir::LogicalResult writeMappingReport(nc::ChipOp chip,
                                       const StageTimes &times,
                                       llvm::raw_ostream &os,
                                       const std::string &jsonPath);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_MAPPINGREPORT_H
