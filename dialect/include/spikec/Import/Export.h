//===- Export.h - networks from the snn dialect back to files ---*- C++ -*-===//
#ifndef SPIKEC_IMPORT_EXPORT_H
#define SPIKEC_IMPORT_EXPORT_H

#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

namespace spikec::snn {
class NetworkOp;
} // namespace spikec::snn

namespace spikec {

/// Writes `net` as a NIR HDF5 file (format version 0.2.0, the layout of
/// ../shared/nir/README.md). Only ops with a NIR meaning are written, with
/// their continuous-time parameters: a network already discretized, or one
/// holding ops NIR lacks (sparse, alif, izhikevich, encoders), is refused with
/// a diagnostic naming the op. snn.add is written as several edges, as NIR
/// sums the edges into a node.
mlir::LogicalResult exportNIR(snn::NetworkOp net, llvm::StringRef path);

} // namespace spikec

#endif // SPIKEC_IMPORT_EXPORT_H
