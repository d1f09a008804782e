//===- SNNOpsCommon.h - helpers shared by the snn ops' files ----*- C++ -*-===//
//
// Private to SpikecSNN: the parameter checks, shape helpers and forward-Euler
// factors that the verifiers and discretizations of SNNOps.cpp,
// SNNProjections.cpp and SNNNeurons.cpp share.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_LIB_SNN_SNNOPSCOMMON_H
#define SPIKEC_DIALECT_LIB_SNN_SNNOPSCOMMON_H

#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>

namespace spikec::snn::detail {

/// What a parameter's values must satisfy.
enum class Range { Finite, Positive, NonNegative, UnitInterval };

struct Param {
  llvm::StringRef name;
  mlir::Attribute value;
  Range range = Range::Finite;
};

/// The static shape of `v`, or nullopt when it is not known yet.
std::optional<llvm::SmallVector<int64_t>> staticShape(mlir::Value v);

/// "2x34x34".
std::string formatShape(llvm::ArrayRef<int64_t> shape);

int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// A resource blob must hold exactly the elements its type declares: readers
/// index it by the type's shape.
mlir::LogicalResult checkBlobSize(mlir::Operation *op, const llvm::Twine &what,
                                  size_t size, int64_t expected);

/// A parameter's values lie in its range and its shape broadcasts to
/// `shape` (when known).
mlir::LogicalResult checkParam(mlir::Operation *op, const Param &p,
                               std::optional<llvm::SmallVector<int64_t>> shape);
mlir::LogicalResult checkParams(mlir::Operation *op,
                                llvm::ArrayRef<Param> params);

std::string joinNames(llvm::ArrayRef<Param> params);

/// Checks that an op uses exactly one of its two parameter forms and that the
/// form's key parameters (the leading `keys` of each list) are present.
mlir::LogicalResult checkForm(mlir::Operation *op,
                              llvm::ArrayRef<Param> continuous,
                              size_t continuousKeys,
                              llvm::ArrayRef<Param> discrete,
                              size_t discreteKeys);

/// The result type must agree with what the operands imply.
mlir::LogicalResult checkInferred(mlir::Operation *op, mlir::Type inferred);

mlir::Type f32Tensor(mlir::MLIRContext *ctx, llvm::ArrayRef<int64_t> shape);

mlir::Attribute f32(mlir::MLIRContext *ctx, double v);

/// Elementwise combination of parameters, broadcast against each other; the
/// result keeps the larger parameter's shape.
mlir::Attribute combine(mlir::Operation *op, llvm::StringRef blob,
                        llvm::ArrayRef<mlir::Attribute> inputs,
                        llvm::function_ref<double(llvm::ArrayRef<double>)> fn);

/// The leaky-integrator factors for `dt`: decay = 1 - dt/tau,
/// gain = dt r / tau, bias = dt v_leak / tau (absent r is 1, v_leak 0).
struct LIFactors {
  mlir::Attribute decay, gain, bias;
};
LIFactors discretizeLI(mlir::Operation *op, double dt, mlir::Attribute tau,
                       mlir::Attribute r, mlir::Attribute vLeak);

/// Every per-step factor must describe a stable, non-negative decay.
mlir::LogicalResult checkDecayAfterDiscretize(mlir::Operation *op,
                                              llvm::StringRef name,
                                              mlir::Attribute decay, double dt);

llvm::SmallVector<Param> spikeParams(mlir::Attribute threshold,
                                     mlir::Attribute reset);

} // namespace spikec::snn::detail

#endif // SPIKEC_DIALECT_LIB_SNN_SNNOPSCOMMON_H
