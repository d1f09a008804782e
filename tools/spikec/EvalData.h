//===- EvalData.h - spikec eval: a dataset's input rows ---------*- C++ -*-===//
//
// An image dataset is encoded on the host, the same for every execution
// (rate, latency or direct); an npy: dataset holds input rows already.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_EVALDATA_H
#define SPIKEC_TOOLS_SPIKEC_EVALDATA_H

#include "spikec/IO/IdxDataset.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Reference/Simulator.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace spikec::driver {

enum class Encoding { Rate, Latency, Direct };

/// The rows of one image: `steps` encoded ones, then `drain` of zeros.
ref::Rows encodeImage(const uint8_t *pixels, int64_t width, Encoding how,
                      uint64_t seed, int64_t steps, int64_t drain);

/// An npy: dataset: SAMPLES of shape (N, T, ...input shape), each sample T
/// input rows as a spike file holds them, and LABELS of shape (N,), whole
/// numbers >= 0. `data` gets the count, the width and the labels.
mlir::LogicalResult readSpikeTrains(llvm::StringRef samplesPath,
                                    llvm::StringRef labelsPath,
                                    mlir::MLIRContext &ctx,
                                    io::NpyArray &trains,
                                    io::LabelledImages &data);

/// Sample i's rows, then `drain` rows of zeros.
ref::Rows sampleRows(const io::NpyArray &trains, int64_t i, int64_t drain);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_EVALDATA_H
