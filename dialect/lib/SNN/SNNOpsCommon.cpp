//===- SNNOpsCommon.cpp - helpers shared by the snn ops' files
//-------------===//

#include "SNNOpsCommon.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/LocationName.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace spikec::snn;

namespace spikec::snn::detail {

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
    return op->emitOpError()
           << "mixes continuous-time (" << joinNames(continuous)
           << ") and per-step (" << joinNames(discrete) << ") parameters";
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
             << name << "' (forward Euler would give a factor of " << v << ")";
  return success();
}

SmallVector<Param> spikeParams(Attribute threshold, Attribute reset) {
  return {{"v_threshold", threshold}, {"v_reset", reset}};
}

} // namespace spikec::snn::detail
