//===- SNNOps.cpp - the ops of the snn dialect ----------------------------===//
//
// Verifiers, shape inference and discretization of the snn ops.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/SNN/SNNOps.h"
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

#include "spikec/Dialect/SNN/SNNDialect.cpp.inc"
#include "spikec/Dialect/SNN/SNNEnums.cpp.inc"
#include "spikec/Dialect/SNN/SNNInterfaces.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "spikec/Dialect/SNN/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "spikec/Dialect/SNN/SNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "spikec/Dialect/SNN/SNNAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace spikec::snn {

bool isStateful(Operation *op) { return isa<NeuronOpInterface>(op); }

} // namespace spikec::snn

namespace {

/// What a parameter's values must satisfy.
enum class Range { Finite, Positive, NonNegative, UnitInterval };

struct Param {
  StringRef name;
  Attribute value;
  Range range = Range::Finite;
};

/// The static shape of `v`, or nullopt when it is not known yet.
std::optional<SmallVector<int64_t>> staticShape(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  return SmallVector<int64_t>(type.getShape());
}

/// "2x34x34".
std::string formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  for (int64_t d : shape)
    s += (s.empty() ? "" : "x") + std::to_string(d);
  return s;
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// A resource blob must hold exactly the elements its type declares: readers
/// index it by the type's shape.
LogicalResult checkBlobSize(Operation *op, const Twine &what, size_t size,
                            int64_t expected) {
  if (static_cast<int64_t>(size) == expected)
    return success();
  return op->emitOpError() << what << " holds " << size
                           << " values, its type has " << expected
                           << " elements";
}

LogicalResult checkParam(Operation *op, const Param &p,
                         std::optional<SmallVector<int64_t>> shape) {
  if (!p.value)
    return success();
  SmallVector<int64_t> pshape = getParamShape(p.value);
  if (shape && !isBroadcastable(pshape, *shape))
    return op->emitOpError() << "parameter '" << p.name << "' of shape ["
                             << llvm::make_range(pshape.begin(), pshape.end())
                             << "] does not broadcast to the population";
  auto values = getParamValues(p.value);
  if (!values)
    return op->emitOpError() << "parameter '" << p.name
                             << "' has no data (missing resource blob)";
  if (failed(checkBlobSize(op, "parameter '" + p.name + "'", values->size(),
                           numElements(pshape))))
    return failure();
  for (auto [i, v] : llvm::enumerate(*values)) {
    const char *want = nullptr;
    if (!std::isfinite(v))
      want = "finite";
    else if (p.range == Range::Positive && !(v > 0))
      want = "> 0";
    else if (p.range == Range::NonNegative && v < 0)
      want = ">= 0";
    else if (p.range == Range::UnitInterval && (v < 0 || v > 1))
      want = "in [0, 1]";
    if (want)
      return op->emitOpError() << "parameter '" << p.name << "' must be "
                               << want << ", got " << v << " at element " << i;
  }
  return success();
}

LogicalResult checkParams(Operation *op, ArrayRef<Param> params) {
  auto shape = staticShape(op->getOperand(0));
  for (const Param &p : params)
    if (failed(checkParam(op, p, shape)))
      return failure();
  return success();
}

std::string joinNames(ArrayRef<Param> params) {
  std::string out;
  for (auto [i, p] : llvm::enumerate(params))
    out += (i ? ", " : "") + p.name.str();
  return out;
}

/// Checks that an op uses exactly one of its two parameter forms and that the
/// form's key parameters (the leading `keys` of each list) are present.
LogicalResult checkForm(Operation *op, ArrayRef<Param> continuous,
                        size_t continuousKeys, ArrayRef<Param> discrete,
                        size_t discreteKeys) {
  auto any = [](ArrayRef<Param> ps) {
    return llvm::any_of(ps, [](const Param &p) { return bool(p.value); });
  };
  bool c = any(continuous), d = any(discrete);
  if (c && d)
    return op->emitOpError() << "mixes continuous-time ("
                             << joinNames(continuous) << ") and per-step ("
                             << joinNames(discrete) << ") parameters";
  if (!c && !d)
    return op->emitOpError()
           << "needs its continuous-time ("
           << joinNames(continuous.take_front(continuousKeys))
           << ") or per-step (" << joinNames(discrete.take_front(discreteKeys))
           << ") parameters";
  ArrayRef<Param> form = c ? continuous.take_front(continuousKeys)
                           : discrete.take_front(discreteKeys);
  for (const Param &p : form)
    if (!p.value)
      return op->emitOpError() << "is missing parameter '" << p.name << "'";
  return success();
}

/// The result type must agree with what the operands imply.
LogicalResult checkInferred(Operation *op, Type inferred) {
  if (!inferred)
    return success();
  Type result = op->getResult(0).getType();
  auto ranked = dyn_cast<RankedTensorType>(result);
  if (ranked && ranked.hasStaticShape() && result != inferred)
    return op->emitOpError() << "result type " << result
                             << " does not match the inferred " << inferred;
  return success();
}

Type f32Tensor(MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(ctx));
}

Attribute f32(MLIRContext *ctx, double v) {
  return FloatAttr::get(Float32Type::get(ctx), v);
}

/// Elementwise combination of parameters, broadcast against each other; the
/// result keeps the larger parameter's shape.
Attribute combine(Operation *op, StringRef blob, ArrayRef<Attribute> inputs,
                  llvm::function_ref<double(ArrayRef<double>)> fn) {
  SmallVector<int64_t> shape;
  for (Attribute a : inputs)
    if (a) {
      auto s = getParamShape(a);
      if (numElements(s) > numElements(shape) || s.size() > shape.size())
        shape = s;
    }
  SmallVector<std::vector<double>> expanded;
  for (Attribute a : inputs)
    expanded.push_back(a ? *expandParam(a, shape) : std::vector<double>());
  int64_t n = numElements(shape);
  std::vector<float> out(n);
  SmallVector<double> args(inputs.size());
  for (int64_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < inputs.size(); ++k)
      args[k] = expanded[k].empty() ? 0.0 : expanded[k][i];
    out[i] = static_cast<float>(fn(args));
  }
  std::string name = spikec::nodeName(op) + "." + blob.str();
  return makeParam(op->getContext(), name, shape, out);
}

/// The leaky-integrator factors for `dt`: decay = 1 - dt/tau,
/// gain = dt r / tau, bias = dt v_leak / tau (absent r is 1, v_leak 0).
struct LIFactors {
  Attribute decay, gain, bias;
};
LIFactors discretizeLI(Operation *op, double dt, Attribute tau, Attribute r,
                       Attribute vLeak) {
  MLIRContext *ctx = op->getContext();
  if (!r)
    r = f32(ctx, 1.0);
  if (!vLeak)
    vLeak = f32(ctx, 0.0);
  return {combine(op, "decay", {tau},
                  [&](ArrayRef<double> a) { return 1.0 - dt / a[0]; }),
          combine(op, "gain", {tau, r},
                  [&](ArrayRef<double> a) { return dt * a[1] / a[0]; }),
          combine(op, "bias", {tau, vLeak},
                  [&](ArrayRef<double> a) { return dt * a[1] / a[0]; })};
}

/// Every per-step factor must describe a stable, non-negative decay.
LogicalResult checkDecayAfterDiscretize(Operation *op, StringRef name,
                                        Attribute decay, double dt) {
  auto values = getParamValues(decay);
  for (float v : *values)
    if (v < 0 || v > 1)
      return op->emitOpError()
             << "dt = " << dt << " s is larger than the time constant behind '"
             << name << "' (forward Euler would give a factor of " << v
             << ")";
  return success();
}

SmallVector<Param> spikeParams(Attribute threshold, Attribute reset) {
  return {{"v_threshold", threshold}, {"v_reset", reset}};
}

} // namespace

//===----------------------------------------------------------------------===//
// NetworkOp
//===----------------------------------------------------------------------===//

void NetworkOp::build(OpBuilder &builder, OperationState &state,
                      StringRef name) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  Region *body = state.addRegion();
  body->emplaceBlock();
}

RegionKind NetworkOp::getRegionKind(unsigned) { return RegionKind::Graph; }

LogicalResult NetworkOp::verifyRegions() {
  Block &body = getBodyBlock();
  llvm::StringSet<> inputs, outputs;
  bool anyOutput = false;
  for (Operation &op : body) {
    if (op.getDialect() != getOperation()->getDialect())
      return op.emitOpError("is not allowed in an snn.network");
    if (auto in = dyn_cast<InputOp>(op))
      if (!inputs.insert(in.getName()).second)
        return in.emitOpError() << "duplicates input name '" << in.getName()
                                << "'";
    if (auto out = dyn_cast<OutputOp>(op)) {
      anyOutput = true;
      if (!outputs.insert(out.getName()).second)
        return out.emitOpError() << "duplicates output name '"
                                 << out.getName() << "'";
    }
    for (Value result : op.getResults()) {
      if (result.use_empty())
        return op.emitOpError("result is never used (a dangling value)");
      // Element counts are int64 products everywhere downstream: refuse a
      // shape whose count does not fit before anything multiplies it.
      if (auto type = dyn_cast<RankedTensorType>(result.getType());
          type && type.hasStaticShape()) {
        uint64_t n = 1;
        for (int64_t d : type.getShape())
          if (d > 0 && n > (uint64_t(1) << 62) / uint64_t(d))
            return op.emitOpError()
                   << "shape " << formatShape(type.getShape())
                   << " has more than 2^62 elements";
          else
            n *= uint64_t(std::max<int64_t>(d, 0));
      }
    }
  }
  if (!anyOutput)
    return emitOpError("has no snn.output");

  // Every output must depend on an input.
  llvm::DenseSet<Operation *> reached;
  std::deque<Operation *> work;
  for (Operation &op : body)
    if (isa<InputOp>(op)) {
      reached.insert(&op);
      work.push_back(&op);
    }
  while (!work.empty()) {
    Operation *op = work.front();
    work.pop_front();
    for (Operation *user : op->getUsers())
      if (reached.insert(user).second)
        work.push_back(user);
  }
  for (Operation &op : body)
    if (auto out = dyn_cast<OutputOp>(op); out && !reached.count(&op))
      return out.emitOpError() << "'" << out.getName()
                               << "' is not reachable from any input";

  std::vector<Operation *> loop = findAlgebraicLoop(*this);
  if (!loop.empty()) {
    auto diag = loop.front()->emitOpError(
        "is on an algebraic loop (a cycle with no state):");
    for (Operation *op : loop) {
      std::string name = spikec::nodeName(op);
      diag << " " << op->getName().getStringRef();
      if (!name.empty())
        diag << " '" << name << "'";
    }
    return diag;
  }
  if (auto dtAttr = getDtAttr()) {
    double dt = dtAttr.getValueAsDouble();
    if (!(dt > 0 && std::isfinite(dt)))
      return emitOpError() << "dt must be a positive number of seconds, got "
                           << dt;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Boundary and sums
//===----------------------------------------------------------------------===//

LogicalResult InputOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  return success();
}

LogicalResult OutputOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  return success();
}

FailureOr<Type> AddOp::inferResultType() {
  for (Value v : getInputs())
    if (staticShape(v))
      return v.getType();
  return Type();
}

OpFoldResult AddOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs()[0] != getResult())
    return getInputs()[0];
  return {};
}

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
    return op->emitOpError() << "'" << name
                             << "' has no data (missing resource blob)";
  if (failed(checkBlobSize(op, "'" + name + "'", data->size(),
                           w.getType().getNumElements())))
    return failure();
  for (auto [i, v] : llvm::enumerate(*data))
    if (!std::isfinite(v))
      return op->emitOpError() << "'" << name
                               << "' holds a non-finite value at element "
                               << i;
  return success();
}

LogicalResult checkAffine(Operation *op, DenseF32ResourceElementsAttr weight,
                          DenseF32ResourceElementsAttr bias) {
  if (failed(checkWeight(op, "weight", weight, 2)) ||
      failed(checkWeight(op, "bias", bias, 1)))
    return failure();
  if (bias && bias.getType().getDimSize(0) != weight.getType().getDimSize(0))
    return op->emitOpError() << "bias has " << bias.getType().getDimSize(0)
                             << " elements for "
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
    return op->emitOpError() << "expects a vector of " << in
                             << " inputs, got " << op->getOperand(0).getType();
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
LogicalResult badOutLength(Operation *op, StringRef what, int64_t n,
                           size_t d) {
  if (n == 0)
    return op->emitOpError() << what << " does not fit the input along "
                             << "dimension " << d + 1;
  return op->emitOpError() << "output length beyond 2^63 along dimension "
                           << d + 1;
}

LogicalResult checkGeometry(Operation *op, size_t dims,
                            ArrayRef<std::pair<StringRef, ArrayRef<int64_t>>>
                                arrays) {
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

template <typename ConvOp>
LogicalResult verifyConv(ConvOp op, size_t dims) {
  Operation *o = op.getOperation();
  if (failed(checkWeight(o, "weight", op.getWeight(), dims + 2)) ||
      failed(checkWeight(o, "bias", op.getBiasAttr(), 1)) ||
      failed(checkGeometry(o, dims, {{"stride", op.getStride()},
                                     {"padding", op.getPadding()},
                                     {"dilation", op.getDilation()}})))
    return failure();
  int64_t groups = op.getGroups();
  int64_t cout = op.getWeight().getType().getDimSize(0);
  if (groups < 1 || cout % groups)
    return op.emitOpError() << "groups = " << groups << " must divide the "
                            << cout << " output channels";
  if (auto bias = op.getBiasAttr(); bias && bias.getType().getDimSize(0) != cout)
    return op.emitOpError() << "bias has " << bias.getType().getDimSize(0)
                            << " elements for " << cout << " output channels";
  auto inferred = op.inferResultType();
  if (failed(inferred))
    return failure();
  return checkInferred(o, *inferred);
}

template <typename ConvOp>
FailureOr<Type> inferConv(ConvOp op, size_t dims) {
  auto shape = staticShape(op.getInput());
  if (!shape)
    return Type();
  auto wshape = op.getWeight().getType().getShape();
  if (shape->size() != dims + 1)
    return op.emitOpError() << "expects a [C" << (dims == 1 ? ", L" : ", H, W")
                            << "] input, got " << op.getInput().getType();
  int64_t cin = (*shape)[0];
  if (cin != wshape[1] * static_cast<int64_t>(op.getGroups()))
    return op.emitOpError() << "input has " << cin
                            << " channels, the weight expects "
                            << wshape[1] * op.getGroups();
  // Shapes are inferred before the verifier runs (snn::inferShapes).
  if (failed(checkGeometry(op, dims, {{"stride", op.getStride()},
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

template <typename PoolOp>
LogicalResult verifyPool(PoolOp op) {
  if (failed(checkGeometry(op, 2, {{"kernel_size", op.getKernelSize()},
                                   {"stride", op.getStride()},
                                   {"padding", op.getPadding()}})))
    return failure();
  auto inferred = op.inferResultType();
  if (failed(inferred))
    return failure();
  return checkInferred(op, *inferred);
}

template <typename PoolOp>
FailureOr<Type> inferPool(PoolOp op) {
  auto shape = staticShape(op.getInput());
  if (!shape)
    return Type();
  if (shape->size() != 3)
    return op.emitOpError() << "expects a [C, H, W] input, got "
                            << op.getInput().getType();
  if (failed(checkGeometry(op, 2, {{"kernel_size", op.getKernelSize()},
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
      return emitOpError() << "synapse " << k << " has pre index "
                           << (*pre)[k] << " outside [0, " << nin << ")";
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
  if (getInput().getType() == getResult().getType() &&
      staticShape(getInput()))
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Stateful ops
//===----------------------------------------------------------------------===//

// Every stateful op keeps its operand's type.
#define SPIKEC_SAME_SHAPE(Op)                                                  \
  FailureOr<Type> Op::inferResultType() {                                      \
    return staticShape(getInput()) ? getInput().getType() : Type();            \
  }
SPIKEC_SAME_SHAPE(IntegratorOp)
SPIKEC_SAME_SHAPE(LIOp)
SPIKEC_SAME_SHAPE(LIFOp)
SPIKEC_SAME_SHAPE(IFOp)
SPIKEC_SAME_SHAPE(CubaLIOp)
SPIKEC_SAME_SHAPE(CubaLIFOp)
SPIKEC_SAME_SHAPE(AdaptiveLIFOp)
SPIKEC_SAME_SHAPE(IzhikevichOp)
SPIKEC_SAME_SHAPE(DelayOp)
SPIKEC_SAME_SHAPE(EncodeDirectOp)
SPIKEC_SAME_SHAPE(EncodeRateOp)
SPIKEC_SAME_SHAPE(EncodeLatencyOp)
SPIKEC_SAME_SHAPE(EncodeDeltaOp)
#undef SPIKEC_SAME_SHAPE

namespace {
SmallVector<Param> liContinuous(Attribute tau, Attribute r, Attribute vLeak) {
  return {{"tau", tau, Range::Positive}, {"r", r}, {"v_leak", vLeak}};
}
SmallVector<Param> liDiscrete(Attribute decay, Attribute gain, Attribute bias) {
  return {{"decay", decay, Range::UnitInterval}, {"gain", gain}, {"bias", bias}};
}
SmallVector<Param> synContinuous(Attribute tauSyn, Attribute wIn) {
  return {{"tau_syn", tauSyn, Range::Positive}, {"w_in", wIn}};
}
SmallVector<Param> synDiscrete(Attribute decay, Attribute gain) {
  return {{"syn_decay", decay, Range::UnitInterval}, {"syn_gain", gain}};
}
SmallVector<Param> concat(ArrayRef<SmallVector<Param>> lists) {
  SmallVector<Param> out;
  for (const auto &l : lists)
    out.append(l.begin(), l.end());
  return out;
}
SmallVector<StringRef> states(std::initializer_list<StringRef> names) {
  return SmallVector<StringRef>(names);
}
} // namespace

// Shared by the ops with the same parameter groups.
namespace {
/// integrator and if: `dv/dt = r x`, per step `gain = dt r`.
template <typename Op>
LogicalResult verifyIntegrating(Op op, ArrayRef<Param> extra) {
  SmallVector<Param> c{{"r", op.getRAttr()}}, d{{"gain", op.getGainAttr()}};
  if (failed(checkForm(op, c, 1, d, 1)))
    return failure();
  return checkParams(op, concat({c, d, SmallVector<Param>(extra)}));
}
template <typename Op>
LogicalResult discretizeIntegrating(Op op, double dt) {
  if (op.isDiscrete())
    return success();
  op.setGainAttr(combine(op, "gain", {op.getRAttr()},
                         [&](ArrayRef<double> a) { return dt * a[0]; }));
  op.removeRAttr();
  return success();
}

/// li and lif: the leaky membrane's parameter groups.
template <typename Op>
LogicalResult verifyLeaky(Op op, ArrayRef<Param> extra) {
  auto c = liContinuous(op.getTauAttr(), op.getRAttr(), op.getVLeakAttr());
  auto d = liDiscrete(op.getDecayAttr(), op.getGainAttr(), op.getBiasAttr());
  if (failed(checkForm(op, c, 1, d, 1)))
    return failure();
  return checkParams(op, concat({c, d, SmallVector<Param>(extra)}));
}

/// Replaces tau, r and v_leak by decay, gain and bias. Fails, leaving the op
/// as it was, when dt exceeds tau.
template <typename Op>
LogicalResult discretizeMembrane(Op op, double dt) {
  auto f = discretizeLI(op, dt, op.getTauAttr(), op.getRAttr(),
                        op.getVLeakAttr());
  if (failed(checkDecayAfterDiscretize(op, "tau", f.decay, dt)))
    return failure();
  op.setDecayAttr(f.decay);
  op.setGainAttr(f.gain);
  op.setBiasAttr(f.bias);
  op.removeTauAttr();
  op.removeRAttr();
  op.removeVLeakAttr();
  return success();
}
} // namespace

// Integrator
LogicalResult IntegratorOp::verify() { return verifyIntegrating(*this, {}); }
bool IntegratorOp::isDiscrete() { return bool(getGainAttr()); }
bool IntegratorOp::isSpiking() { return false; }
SmallVector<StringRef> IntegratorOp::getStateNames() { return states({"v"}); }
LogicalResult IntegratorOp::discretize(double dt) {
  return discretizeIntegrating(*this, dt);
}

// LI
LogicalResult LIOp::verify() { return verifyLeaky(*this, {}); }
bool LIOp::isDiscrete() { return bool(getDecayAttr()); }
bool LIOp::isSpiking() { return false; }
SmallVector<StringRef> LIOp::getStateNames() { return states({"v"}); }
LogicalResult LIOp::discretize(double dt) {
  return isDiscrete() ? success() : discretizeMembrane(*this, dt);
}

// LIF
LogicalResult LIFOp::verify() {
  return verifyLeaky(*this, spikeParams(getVThreshold(), getVResetAttr()));
}
bool LIFOp::isDiscrete() { return bool(getDecayAttr()); }
bool LIFOp::isSpiking() { return true; }
SmallVector<StringRef> LIFOp::getStateNames() { return states({"v"}); }
LogicalResult LIFOp::discretize(double dt) {
  return isDiscrete() ? success() : discretizeMembrane(*this, dt);
}

// IF
LogicalResult IFOp::verify() {
  return verifyIntegrating(*this,
                           spikeParams(getVThreshold(), getVResetAttr()));
}
bool IFOp::isDiscrete() { return bool(getGainAttr()); }
bool IFOp::isSpiking() { return true; }
SmallVector<StringRef> IFOp::getStateNames() { return states({"v"}); }
LogicalResult IFOp::discretize(double dt) {
  return discretizeIntegrating(*this, dt);
}

// CubaLI and CubaLIF share their synapse and membrane discretization.
namespace {
template <typename Op>
LogicalResult verifyCuba(Op op, ArrayRef<Param> extra) {
  auto c = concat({synContinuous(op.getTauSynAttr(), op.getWInAttr()),
                   liContinuous(op.getTauAttr(), op.getRAttr(),
                                op.getVLeakAttr())});
  // The keys are tau_syn and tau: move tau next to tau_syn.
  std::swap(c[1], c[2]);
  auto d = concat({synDiscrete(op.getSynDecayAttr(), op.getSynGainAttr()),
                   liDiscrete(op.getDecayAttr(), op.getGainAttr(),
                              op.getBiasAttr())});
  std::swap(d[1], d[2]);
  if (failed(checkForm(op, c, 2, d, 2)))
    return failure();
  return checkParams(op, concat({c, d, SmallVector<Param>(extra)}));
}

template <typename Op>
LogicalResult discretizeCuba(Op op, double dt) {
  if (op.isDiscrete())
    return success();
  MLIRContext *ctx = op.getContext();
  Attribute wIn = op.getWInAttr() ? op.getWInAttr() : f32(ctx, 1.0);
  Attribute synDecay =
      combine(op, "syn_decay", {op.getTauSynAttr()},
              [&](ArrayRef<double> a) { return 1.0 - dt / a[0]; });
  Attribute synGain =
      combine(op, "syn_gain", {op.getTauSynAttr(), wIn},
              [&](ArrayRef<double> a) { return dt * a[1] / a[0]; });
  if (failed(checkDecayAfterDiscretize(op, "tau_syn", synDecay, dt)) ||
      failed(discretizeMembrane(op, dt)))
    return failure();
  op.setSynDecayAttr(synDecay);
  op.setSynGainAttr(synGain);
  op.removeTauSynAttr();
  op.removeWInAttr();
  return success();
}
} // namespace

LogicalResult CubaLIOp::verify() { return verifyCuba(*this, {}); }
bool CubaLIOp::isDiscrete() { return bool(getDecayAttr()); }
bool CubaLIOp::isSpiking() { return false; }
SmallVector<StringRef> CubaLIOp::getStateNames() { return states({"i", "v"}); }
LogicalResult CubaLIOp::discretize(double dt) {
  return discretizeCuba(*this, dt);
}

LogicalResult CubaLIFOp::verify() {
  return verifyCuba(*this, spikeParams(getVThreshold(), getVResetAttr()));
}
bool CubaLIFOp::isDiscrete() { return bool(getDecayAttr()); }
bool CubaLIFOp::isSpiking() { return true; }
SmallVector<StringRef> CubaLIFOp::getStateNames() {
  return states({"i", "v"});
}
LogicalResult CubaLIFOp::discretize(double dt) {
  return discretizeCuba(*this, dt);
}

// Adaptive LIF
LogicalResult AdaptiveLIFOp::verify() {
  auto c = liContinuous(getTauAttr(), getRAttr(), getVLeakAttr());
  c.insert(c.begin() + 1, Param{"tau_adapt", getTauAdaptAttr(),
                                Range::Positive});
  auto d = liDiscrete(getDecayAttr(), getGainAttr(), getBiasAttr());
  d.insert(d.begin() + 1, Param{"adapt_decay", getAdaptDecayAttr(),
                                Range::UnitInterval});
  if (failed(checkForm(*this, c, 2, d, 2)))
    return failure();
  SmallVector<Param> rest{{"adapt", getAdapt(), Range::NonNegative}};
  return checkParams(*this, concat({c, d, rest,
                                    spikeParams(getVThreshold(),
                                                getVResetAttr())}));
}
bool AdaptiveLIFOp::isDiscrete() { return bool(getDecayAttr()); }
bool AdaptiveLIFOp::isSpiking() { return true; }
SmallVector<StringRef> AdaptiveLIFOp::getStateNames() {
  return states({"v", "a"});
}
LogicalResult AdaptiveLIFOp::discretize(double dt) {
  if (isDiscrete())
    return success();
  Attribute adaptDecay =
      combine(*this, "adapt_decay", {getTauAdaptAttr()},
              [&](ArrayRef<double> a) { return 1.0 - dt / a[0]; });
  if (failed(checkDecayAfterDiscretize(*this, "tau_adapt", adaptDecay, dt)) ||
      failed(discretizeMembrane(*this, dt)))
    return failure();
  setAdaptDecayAttr(adaptDecay);
  removeTauAdaptAttr();
  return success();
}

// Izhikevich
LogicalResult IzhikevichOp::verify() {
  if (!(getTimeScale().convertToDouble() > 0))
    return emitOpError("time_scale must be > 0");
  if (auto hAttr = getHAttr()) {
    double h = hAttr.getValueAsDouble();
    if (!(h > 0 && std::isfinite(h)))
      return emitOpError() << "step h must be > 0, got " << h;
  }
  if (!std::isfinite(getVPeak().convertToDouble()))
    return emitOpError("v_peak must be finite");
  return checkParams(*this, {{"a", getA()},
                             {"b", getB()},
                             {"c", getC()},
                             {"d", getD()},
                             {"r", getRAttr()}});
}
bool IzhikevichOp::isDiscrete() { return getH().has_value(); }
bool IzhikevichOp::isSpiking() { return true; }
SmallVector<StringRef> IzhikevichOp::getStateNames() {
  return states({"v", "u"});
}
LogicalResult IzhikevichOp::discretize(double dt) {
  if (!isDiscrete())
    setHAttr(FloatAttr::get(Float64Type::get(getContext()),
                            dt / getTimeScale().convertToDouble()));
  return success();
}

// Delay
LogicalResult DelayOp::verify() {
  if (bool(getDelayAttr()) == bool(getStepsAttr()))
    return emitOpError("needs exactly one of 'delay' (seconds) or 'steps'");
  if (auto steps = getSteps()) {
    auto shape = staticShape(getInput());
    if (steps->size() != 1 && shape &&
        static_cast<int64_t>(steps->size()) != numElements(*shape))
      return emitOpError() << "has " << steps->size()
                           << " step counts for a population of "
                           << numElements(*shape);
    for (int64_t s : *steps)
      if (s < 0)
        return emitOpError() << "steps must be >= 0, got " << s;
    return success();
  }
  return checkParams(*this, {{"delay", getDelayAttr(), Range::NonNegative}});
}
bool DelayOp::isDiscrete() { return bool(getStepsAttr()); }
bool DelayOp::isSpiking() { return false; }
SmallVector<StringRef> DelayOp::getStateNames() { return {}; }
LogicalResult DelayOp::discretize(double dt) {
  if (isDiscrete())
    return success();
  auto values = getParamValues(getDelayAttr());
  SmallVector<int64_t> steps;
  bool uniform = true;
  for (size_t i = 0; i < values->size(); ++i) {
    // A delay is whole steps or it is not representable: never rounded. The
    // tolerance absorbs only the f32 storage of the seconds.
    double exact = double((*values)[i]) / dt;
    int64_t whole = std::llround(exact);
    if (std::abs(exact - double(whole)) > 1e-4 * std::max(1.0, exact))
      return emitOpError() << "delay " << formatNumber((*values)[i])
                           << " s (element " << i << ") is "
                           << formatNumber(exact) << " steps of dt "
                           << formatNumber(dt)
                           << ": not a whole number of steps (choose a dt "
                              "that divides it)";
    steps.push_back(whole);
    uniform &= steps.back() == steps.front();
  }
  if (uniform)
    steps.resize(1);
  else if (auto shape = staticShape(getInput());
           shape && values->size() != size_t(numElements(*shape)))
    return emitOpError("per-element delays must cover the population");
  setStepsAttr(DenseI64ArrayAttr::get(getContext(), steps));
  removeDelayAttr();
  return success();
}

// Encoders have no time constants: they are always discrete.
#define SPIKEC_ENCODER(Op, spiking)                                            \
  bool Op::isDiscrete() { return true; }                                       \
  bool Op::isSpiking() { return spiking; }                                     \
  SmallVector<StringRef> Op::getStateNames() { return {}; }                    \
  LogicalResult Op::discretize(double) { return success(); }
SPIKEC_ENCODER(EncodeDirectOp, false)
SPIKEC_ENCODER(EncodeRateOp, true)
SPIKEC_ENCODER(EncodeLatencyOp, true)
SPIKEC_ENCODER(EncodeDeltaOp, true)
#undef SPIKEC_ENCODER

LogicalResult EncodeDirectOp::verify() {
  if (!std::isfinite(getGain().convertToDouble()))
    return emitOpError("gain must be finite");
  return success();
}
LogicalResult EncodeRateOp::verify() {
  double g = getGain().convertToDouble();
  if (!(g >= 0) || !std::isfinite(g))
    return emitOpError() << "gain must be finite and >= 0, got " << g;
  return success();
}
LogicalResult EncodeLatencyOp::verify() {
  if (!std::isfinite(getThreshold().convertToDouble()))
    return emitOpError("threshold must be finite");
  return success();
}
LogicalResult EncodeDeltaOp::verify() {
  double t = getThreshold().convertToDouble();
  if (!(t > 0) || !std::isfinite(t))
    return emitOpError() << "threshold must be finite and > 0, got " << t;
  return success();
}

#define GET_OP_CLASSES
#include "spikec/Dialect/SNN/SNNOps.cpp.inc"
