//===- SNNParams.cpp - per-neuron parameters and weight blobs -------------===//

#include "spikec/Dialect/SNN/SNNParams.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace spikec::snn {

namespace {
/// Resource keys print as bare identifiers, so they must be spelled as one:
/// [A-Za-z_][A-Za-z0-9_.$]*. Node names such as "0" or "lif-1" are not.
std::string blobKey(StringRef name) {
  std::string key;
  if (name.empty() || !(isalpha(name[0]) || name[0] == '_'))
    key = "_";
  for (char c : name)
    key += (isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
            c == '$')
               ? c
               : '_';
  return key;
}
} // namespace

bool isParamAttr(Attribute attr) {
  if (auto f = llvm::dyn_cast<FloatAttr>(attr))
    return f.getType().isF32();
  if (auto d = llvm::dyn_cast<DenseFPElementsAttr>(attr))
    return d.getElementType().isF32();
  return llvm::isa<DenseF32ResourceElementsAttr>(attr);
}

SmallVector<int64_t> getParamShape(Attribute attr) {
  if (auto e = llvm::dyn_cast<ElementsAttr>(attr))
    return SmallVector<int64_t>(e.getShapedType().getShape());
  return {};
}

std::optional<std::vector<float>> getParamValues(Attribute attr) {
  if (auto f = llvm::dyn_cast<FloatAttr>(attr))
    return std::vector<float>{static_cast<float>(f.getValueAsDouble())};
  if (auto d = llvm::dyn_cast<DenseFPElementsAttr>(attr)) {
    std::vector<float> out;
    out.reserve(d.getNumElements());
    for (float v : d.getValues<float>())
      out.push_back(v);
    return out;
  }
  if (auto r = llvm::dyn_cast<DenseF32ResourceElementsAttr>(attr)) {
    auto data = r.tryGetAsArrayRef();
    if (!data)
      return std::nullopt;
    return std::vector<float>(data->begin(), data->end());
  }
  return std::nullopt;
}

bool isBroadcastable(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t lead = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != to[lead + i])
      return false;
  return true;
}

std::optional<std::vector<double>> expandParam(Attribute attr,
                                               ArrayRef<int64_t> shape) {
  auto values = getParamValues(attr);
  if (!values)
    return std::nullopt;
  SmallVector<int64_t> from = getParamShape(attr);
  if (!isBroadcastable(from, shape))
    return std::nullopt;
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<double> out(n);
  if (values->size() == 1) {
    std::fill(out.begin(), out.end(), (*values)[0]);
    return out;
  }
  // Strides of the parameter aligned to the trailing dimensions of `shape`;
  // a broadcast dimension has stride 0.
  size_t lead = shape.size() - from.size();
  SmallVector<int64_t> stride(shape.size(), 0);
  int64_t s = 1;
  for (size_t i = from.size(); i-- > 0;) {
    stride[lead + i] = from[i] == 1 ? 0 : s;
    s *= from[i];
  }
  SmallVector<int64_t> idx(shape.size(), 0);
  for (int64_t flat = 0; flat < n; ++flat) {
    int64_t src = 0;
    for (size_t d = 0; d < shape.size(); ++d)
      src += idx[d] * stride[d];
    out[flat] = (*values)[src];
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
  return out;
}

/// A heap blob holding a copy of `values`. MLIR's allocateAndCopy memcpys
/// from values.data(), which is null for an empty array (undefined
/// behaviour the fuzzed NIR reader reached with an empty weight); an empty
/// blob needs no copy.
template <typename T> static AsmResourceBlob copyBlob(ArrayRef<T> values) {
  if (values.empty())
    return HeapAsmResourceBlob::allocate(0, alignof(T));
  return HeapAsmResourceBlob::allocateAndCopyInferAlign(values);
}

DenseF32ResourceElementsAttr makeWeight(MLIRContext *ctx, StringRef blobName,
                                        ArrayRef<int64_t> shape,
                                        ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, Float32Type::get(ctx));
  return DenseF32ResourceElementsAttr::get(
      type, blobKey(blobName),
      copyBlob(values));
}

DenseI32ResourceElementsAttr makeIndexBlob(MLIRContext *ctx,
                                           StringRef blobName,
                                           ArrayRef<int32_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    IntegerType::get(ctx, 32));
  return DenseI32ResourceElementsAttr::get(
      type, blobKey(blobName),
      copyBlob(values));
}

DenseI32ResourceElementsAttr makeIndexBlob(MLIRContext *ctx,
                                           StringRef blobName,
                                           std::vector<int32_t> &&values) {
  if (values.empty())
    return makeIndexBlob(ctx, blobName, ArrayRef<int32_t>());
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    IntegerType::get(ctx, 32));
  auto owned = std::make_unique<std::vector<int32_t>>(std::move(values));
  ArrayRef<char> bytes(reinterpret_cast<const char *>(owned->data()),
                       owned->size() * sizeof(int32_t));
  AsmResourceBlob blob(
      bytes, alignof(int32_t),
      [owned = std::move(owned)](void *, size_t, size_t) mutable {
        owned.reset();
      },
      /*dataIsMutable=*/true);
  return DenseI32ResourceElementsAttr::get(type, blobKey(blobName),
                                           std::move(blob));
}

Attribute makeParam(MLIRContext *ctx, StringRef blobName,
                    ArrayRef<int64_t> shape, ArrayRef<float> values) {
  bool uniform = !values.empty() &&
                 std::all_of(values.begin(), values.end(), [&](float v) {
                   // Compare bit patterns so NaN and -0.0 survive.
                   return llvm::bit_cast<uint32_t>(v) ==
                          llvm::bit_cast<uint32_t>(values[0]);
                 });
  if (uniform)
    return FloatAttr::get(Float32Type::get(ctx), values[0]);
  return makeWeight(ctx, blobName, shape, values);
}

std::optional<ArrayRef<float>>
getWeightData(DenseF32ResourceElementsAttr attr) {
  return attr.tryGetAsArrayRef();
}

std::optional<ArrayRef<int32_t>>
getIndexData(DenseI32ResourceElementsAttr attr) {
  return attr.tryGetAsArrayRef();
}

} // namespace spikec::snn
