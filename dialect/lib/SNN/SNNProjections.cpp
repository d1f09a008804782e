//===- SNNProjections.cpp - the snn projection ops
//--------------------------===//
//
// Verifiers, shape inference and folding of the projections: affine,
// linear, sparse, scale, flatten, convolutions and pools.
//
//===----------------------------------------------------------------------===//

#include "SNNOpsCommon.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <deque>
#include <limits>

using namespace mlir;
using namespace spikec::snn;
using namespace spikec::snn::detail;

//===----------------------------------------------------------------------===//
// Projections
//===----------------------------------------------------------------------===//

namespace {

/// Checks a dense weight blob's rank and presence.
LogicalResult checkWeight(Operation *op, StringRef name,
                          DenseF32ResourceElementsAttr w, int64_t rank) {
  if (!w)
    return success();
  if (w.getType().getRank() != rank)
    return op->emitOpError() << "'" << name << "' must have rank " << rank
                             << ", got " << w.getType();
  auto data = getWeightData(w);
  if (!data)
    return op->emitOpError()
           << "'" << name << "' has no data (missing resource blob)";
  if (failed(checkBlobSize(op, "'" + name + "'", data->size(),
                           w.getType().getNumElements())))
    return failure();
  for (auto [i, v] : llvm::enumerate(*data))
    if (!std::isfinite(v))
      return op->emitOpError()
             << "'" << name << "' holds a non-finite value at element " << i;
  return success();
}

LogicalResult checkAffine(Operation *op, DenseF32ResourceElementsAttr weight,
                          DenseF32ResourceElementsAttr bias) {
  if (failed(checkWeight(op, "weight", weight, 2)) ||
      failed(checkWeight(op, "bias", bias, 1)))
    return failure();
  if (bias && bias.getType().getDimSize(0) != weight.getType().getDimSize(0))
    return op->emitOpError()
           << "bias has " << bias.getType().getDimSize(0) << " elements for "
           << weight.getType().getDimSize(0) << " outputs";
  return success();
}

FailureOr<Type> inferMatVec(Operation *op,
                            DenseF32ResourceElementsAttr weight) {
  auto shape = staticShape(op->getOperand(0));
  if (!shape)
    return Type();
  int64_t in = weight.getType().getDimSize(1);
  if (shape->size() != 1 || (*shape)[0] != in)
    return op->emitOpError() << "expects a vector of " << in << " inputs, got "
                             << op->getOperand(0).getType();
  return f32Tensor(op->getContext(), {weight.getType().getDimSize(0)});
}

/// Output length of one convolution or pooling dimension (stride >= 1); 0
/// when the window does not fit the padded input, -1 when the length is
/// beyond int64. The division must not round a negative span up to zero;
/// 128 bits hold any span of int64 sizes.
int64_t convOut(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                int64_t dilation) {
  __int128 span = __int128(in) + 2 * __int128(pad) -
                  __int128(dilation) * (__int128(kernel) - 1) - 1;
  if (span < 0)
    return 0;
  __int128 n = span / stride + 1;
  return n > std::numeric_limits<int64_t>::max() ? -1 : int64_t(n);
}

/// The error of an output length convOut could not give; `what` is the
/// kernel or the window.
LogicalResult badOutLength(Operation *op, StringRef what, int64_t n, size_t d) {
  if (n == 0)
    return op->emitOpError() << what << " does not fit the input along "
                             << "dimension " << d + 1;
  return op->emitOpError() << "output length beyond 2^63 along dimension "
                           << d + 1;
}

LogicalResult
checkGeometry(Operation *op, size_t dims,
              ArrayRef<std::pair<StringRef, ArrayRef<int64_t>>> arrays) {
  for (auto [name, values] : arrays) {
    if (values.size() != dims)
      return op->emitOpError() << "'" << name << "' needs " << dims
                               << " values, got " << values.size();
    for (int64_t v : values)
      if (name == "padding" ? v < 0 : v < 1)
        return op->emitOpError()
               << "'" << name << "' must be "
               << (name == "padding" ? ">= 0" : ">= 1") << ", got " << v;
  }
  return success();
}

template <typename ConvOp> LogicalResult verifyConv(ConvOp op, size_t dims) {
  Operation *o = op.getOperation();
  if (failed(checkWeight(o, "weight", op.getWeight(), dims + 2)) ||
      failed(checkWeight(o, "bias", op.getBiasAttr(), 1)) ||
      failed(checkGeometry(o, dims,
                           {{"stride", op.getStride()},
                            {"padding", op.getPadding()},
                            {"dilation", op.getDilation()}})))
    return failure();
  int64_t groups = op.getGroups();
  int64_t cout = op.getWeight().getType().getDimSize(0);
  if (groups < 1 || cout % groups)
    return op.emitOpError() << "groups = " << groups << " must divide the "
                            << cout << " output channels";
  if (auto bias = op.getBiasAttr();
      bias && bias.getType().getDimSize(0) != cout)
    return op.emitOpError() << "bias has " << bias.getType().getDimSize(0)
                            << " elements for " << cout << " output channels";
  auto inferred = op.inferResultType();
  if (failed(inferred))
    return failure();
  return checkInferred(o, *inferred);
}

template <typename ConvOp> FailureOr<Type> inferConv(ConvOp op, size_t dims) {
  auto shape = staticShape(op.getInput());
  if (!shape)
    return Type();
  auto wshape = op.getWeight().getType().getShape();
  if (shape->size() != dims + 1)
    return op.emitOpError() << "expects a [C" << (dims == 1 ? ", L" : ", H, W")
                            << "] input, got " << op.getInput().getType();
  int64_t cin = (*shape)[0];
  if (cin != wshape[1] * static_cast<int64_t>(op.getGroups()))
    return op.emitOpError()
           << "input has " << cin << " channels, the weight expects "
           << wshape[1] * op.getGroups();
  // Shapes are inferred before the verifier runs (snn::inferShapes).
  if (failed(checkGeometry(op, dims,
                           {{"stride", op.getStride()},
                            {"padding", op.getPadding()},
                            {"dilation", op.getDilation()}})))
    return failure();
  SmallVector<int64_t> out{wshape[0]};
  for (size_t d = 0; d < dims; ++d) {
    int64_t n = convOut((*shape)[d + 1], wshape[d + 2], op.getStride()[d],
                        op.getPadding()[d], op.getDilation()[d]);
    if (n < 1)
      return badOutLength(op, "kernel", n, d);
    out.push_back(n);
  }
  return f32Tensor(op.getContext(), out);
}

template <typename PoolOp> LogicalResult verifyPool(PoolOp op) {
  if (failed(checkGeometry(op, 2,
                           {{"kernel_size", op.getKernelSize()},
                            {"stride", op.getStride()},
                            {"padding", op.getPadding()}})))
    return failure();
  auto inferred = op.inferResultType();
  if (failed(inferred))
    return failure();
  return checkInferred(op, *inferred);
}

template <typename PoolOp> FailureOr<Type> inferPool(PoolOp op) {
  auto shape = staticShape(op.getInput());
  if (!shape)
    return Type();
  if (shape->size() != 3)
    return op.emitOpError()
           << "expects a [C, H, W] input, got " << op.getInput().getType();
  if (failed(checkGeometry(op, 2,
                           {{"kernel_size", op.getKernelSize()},
                            {"stride", op.getStride()},
                            {"padding", op.getPadding()}})))
    return failure();
  SmallVector<int64_t> out{(*shape)[0]};
  for (size_t d = 0; d < 2; ++d) {
    int64_t n = convOut((*shape)[d + 1], op.getKernelSize()[d],
                        op.getStride()[d], op.getPadding()[d], 1);
    if (n < 1)
      return badOutLength(op, "window", n, d);
    out.push_back(n);
  }
  return f32Tensor(op.getContext(), out);
}

} // namespace

LogicalResult AffineOp::verify() {
  if (failed(checkAffine(*this, getWeight(), getBiasAttr())))
    return failure();
  auto inferred = inferResultType();
  return failed(inferred) ? failure() : checkInferred(*this, *inferred);
}
FailureOr<Type> AffineOp::inferResultType() {
  return inferMatVec(*this, getWeight());
}

LogicalResult LinearOp::verify() {
  if (failed(checkAffine(*this, getWeight(), nullptr)))
    return failure();
  auto inferred = inferResultType();
  return failed(inferred) ? failure() : checkInferred(*this, *inferred);
}
FailureOr<Type> LinearOp::inferResultType() {
  return inferMatVec(*this, getWeight());
}

LogicalResult SparseOp::verify() {
  if (failed(checkWeight(*this, "weight", getWeight(), 1)))
    return failure();
  auto pre = getIndexData(getPre()), post = getIndexData(getPost());
  if (!pre || !post)
    return emitOpError("synapse indices have no data (missing resource blob)");
  if (failed(checkBlobSize(*this, "'pre'", pre->size(),
                           getPre().getType().getNumElements())) ||
      failed(checkBlobSize(*this, "'post'", post->size(),
                           getPost().getType().getNumElements())))
    return failure();
  size_t n = getWeight().getType().getNumElements();
  if (pre->size() != n || post->size() != n)
    return emitOpError() << "needs as many pre and post indices as weights ("
                         << n << "), got " << pre->size() << " and "
                         << post->size();
  auto inShape = staticShape(getInput());
  auto outShape = staticShape(getResult());
  if (!outShape)
    return emitOpError("needs a static result type");
  int64_t nin = inShape ? numElements(*inShape) : INT64_MAX;
  int64_t nout = numElements(*outShape);
  for (size_t k = 0; k < n; ++k) {
    if ((*pre)[k] < 0 || (*pre)[k] >= nin)
      return emitOpError() << "synapse " << k << " has pre index " << (*pre)[k]
                           << " outside [0, " << nin << ")";
    if ((*post)[k] < 0 || (*post)[k] >= nout)
      return emitOpError() << "synapse " << k << " has post index "
                           << (*post)[k] << " outside [0, " << nout << ")";
  }
  return success();
}
FailureOr<Type> SparseOp::inferResultType() { return getResult().getType(); }

LogicalResult ScaleOp::verify() {
  return checkParams(*this, {{"scale", getScale()}});
}
FailureOr<Type> ScaleOp::inferResultType() {
  return staticShape(getInput()) ? getInput().getType() : Type();
}

LogicalResult ThresholdOp::verify() {
  return checkParams(*this, {{"threshold", getThreshold()}});
}
FailureOr<Type> ThresholdOp::inferResultType() {
  return staticShape(getInput()) ? getInput().getType() : Type();
}

LogicalResult Conv1dOp::verify() { return verifyConv(*this, 1); }
FailureOr<Type> Conv1dOp::inferResultType() { return inferConv(*this, 1); }
LogicalResult Conv2dOp::verify() { return verifyConv(*this, 2); }
FailureOr<Type> Conv2dOp::inferResultType() { return inferConv(*this, 2); }
LogicalResult SumPool2dOp::verify() { return verifyPool(*this); }
FailureOr<Type> SumPool2dOp::inferResultType() { return inferPool(*this); }
LogicalResult AvgPool2dOp::verify() { return verifyPool(*this); }
FailureOr<Type> AvgPool2dOp::inferResultType() { return inferPool(*this); }

LogicalResult FlattenOp::verify() {
  auto inferred = inferResultType();
  return failed(inferred) ? failure() : checkInferred(*this, *inferred);
}
FailureOr<Type> FlattenOp::inferResultType() {
  auto shape = staticShape(getInput());
  if (!shape)
    return Type();
  int64_t rank = shape->size();
  // A rank-0 input flattens like a one-element vector, as in PyTorch.
  int64_t dims = std::max<int64_t>(rank, 1);
  // The I64Attr getters return unsigned values: keep the signed ones.
  int64_t startDim = getStartDim(), endDim = getEndDim();
  int64_t start = startDim < 0 ? startDim + dims : startDim;
  int64_t end = endDim < 0 ? endDim + dims : endDim;
  if (start < 0 || start >= dims || end < start || end >= dims)
    return emitOpError() << "dimensions " << startDim << ".." << endDim
                         << " do not fit a rank-" << rank << " input";
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < start; ++d)
    out.push_back((*shape)[d]);
  int64_t merged = 1;
  for (int64_t d = start; d <= end && d < rank; ++d)
    merged *= (*shape)[d];
  out.push_back(merged);
  for (int64_t d = end + 1; d < rank; ++d)
    out.push_back((*shape)[d]);
  return f32Tensor(getContext(), out);
}
OpFoldResult FlattenOp::fold(FoldAdaptor) {
  if (getInput().getType() == getResult().getType() && staticShape(getInput()))
    return getInput();
  return {};
}
