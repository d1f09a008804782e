//===- SNNParams.h - per-neuron parameters and weight blobs -----*- C++ -*-===//
//
// Neuron parameters are an f32 scalar (FloatAttr), a dense f32 tensor or a
// dense_resource f32 tensor, broadcast numpy-style to the population shape.
// Weights are always dense_resource blobs. These helpers build and read both
// so that no other code has to know the three spellings.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_SNN_SNNPARAMS_H
#define SPIKEC_DIALECT_SNN_SNNPARAMS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <vector>

namespace spikec::snn {

/// Whether `attr` is an accepted parameter spelling.
bool isParamAttr(mlir::Attribute attr);

/// The shape of a parameter (empty for a scalar).
llvm::SmallVector<int64_t> getParamShape(mlir::Attribute attr);

/// The parameter's values in row-major order, or nullopt when a resource blob
/// is missing (elided or never provided).
std::optional<std::vector<float>> getParamValues(mlir::Attribute attr);

/// Whether `from` broadcasts to `to` under numpy's rule.
bool isBroadcastable(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to);

/// The parameter expanded to one value per element of `shape`.
std::optional<std::vector<double>> expandParam(mlir::Attribute attr,
                                               llvm::ArrayRef<int64_t> shape);

/// Builds the most compact spelling of `values` with shape `shape`: an f32
/// scalar when every value is equal, else a dense_resource tensor.
mlir::Attribute makeParam(mlir::MLIRContext *ctx, llvm::StringRef blobName,
                          llvm::ArrayRef<int64_t> shape,
                          llvm::ArrayRef<float> values);

/// A dense_resource f32 tensor holding `values`.
mlir::DenseF32ResourceElementsAttr makeWeight(mlir::MLIRContext *ctx,
                                              llvm::StringRef blobName,
                                              llvm::ArrayRef<int64_t> shape,
                                              llvm::ArrayRef<float> values);

/// A dense_resource i32 tensor holding `values`.
mlir::DenseI32ResourceElementsAttr makeIndexBlob(mlir::MLIRContext *ctx,
                                                 llvm::StringRef blobName,
                                                 llvm::ArrayRef<int32_t> values);
/// The same, taking `values` over without a copy (the blob frees them): at
/// 100M synapses a compile's tables are gigabytes.
mlir::DenseI32ResourceElementsAttr makeIndexBlob(mlir::MLIRContext *ctx,
                                                 llvm::StringRef blobName,
                                                 std::vector<int32_t> &&values);

/// The data of a weight blob, or nullopt when it is missing.
std::optional<llvm::ArrayRef<float>>
getWeightData(mlir::DenseF32ResourceElementsAttr attr);
std::optional<llvm::ArrayRef<int32_t>>
getIndexData(mlir::DenseI32ResourceElementsAttr attr);

} // namespace spikec::snn

#endif // SPIKEC_DIALECT_SNN_SNNPARAMS_H
