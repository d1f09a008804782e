//===- SNNNeurons.cpp - the snn neuron, delay and encoder ops
//---------------===//
//
// Verifiers and discretization (forward Euler, DESIGN.md section 3) of the
// stateful ops.
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
  return {
      {"decay", decay, Range::UnitInterval}, {"gain", gain}, {"bias", bias}};
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
template <typename Op> LogicalResult discretizeIntegrating(Op op, double dt) {
  if (op.isDiscrete())
    return success();
  op.setGainAttr(combine(op, "gain", {op.getRAttr()},
                         [&](ArrayRef<double> a) { return dt * a[0]; }));
  op.removeRAttr();
  return success();
}

/// li and lif: the leaky membrane's parameter groups.
template <typename Op> LogicalResult verifyLeaky(Op op, ArrayRef<Param> extra) {
  auto c = liContinuous(op.getTauAttr(), op.getRAttr(), op.getVLeakAttr());
  auto d = liDiscrete(op.getDecayAttr(), op.getGainAttr(), op.getBiasAttr());
  if (failed(checkForm(op, c, 1, d, 1)))
    return failure();
  return checkParams(op, concat({c, d, SmallVector<Param>(extra)}));
}

/// Replaces tau, r and v_leak by decay, gain and bias. Fails, leaving the op
/// as it was, when dt exceeds tau.
template <typename Op> LogicalResult discretizeMembrane(Op op, double dt) {
  auto f =
      discretizeLI(op, dt, op.getTauAttr(), op.getRAttr(), op.getVLeakAttr());
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
template <typename Op> LogicalResult verifyCuba(Op op, ArrayRef<Param> extra) {
  auto c =
      concat({synContinuous(op.getTauSynAttr(), op.getWInAttr()),
              liContinuous(op.getTauAttr(), op.getRAttr(), op.getVLeakAttr())});
  // The keys are tau_syn and tau: move tau next to tau_syn.
  std::swap(c[1], c[2]);
  auto d = concat(
      {synDiscrete(op.getSynDecayAttr(), op.getSynGainAttr()),
       liDiscrete(op.getDecayAttr(), op.getGainAttr(), op.getBiasAttr())});
  std::swap(d[1], d[2]);
  if (failed(checkForm(op, c, 2, d, 2)))
    return failure();
  return checkParams(op, concat({c, d, SmallVector<Param>(extra)}));
}

template <typename Op> LogicalResult discretizeCuba(Op op, double dt) {
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
SmallVector<StringRef> CubaLIFOp::getStateNames() { return states({"i", "v"}); }
LogicalResult CubaLIFOp::discretize(double dt) {
  return discretizeCuba(*this, dt);
}

// Adaptive LIF
LogicalResult AdaptiveLIFOp::verify() {
  auto c = liContinuous(getTauAttr(), getRAttr(), getVLeakAttr());
  c.insert(c.begin() + 1,
           Param{"tau_adapt", getTauAdaptAttr(), Range::Positive});
  auto d = liDiscrete(getDecayAttr(), getGainAttr(), getBiasAttr());
  d.insert(d.begin() + 1,
           Param{"adapt_decay", getAdaptDecayAttr(), Range::UnitInterval});
  if (failed(checkForm(*this, c, 2, d, 2)))
    return failure();
  SmallVector<Param> rest{{"adapt", getAdapt(), Range::NonNegative}};
  return checkParams(
      *this,
      concat({c, d, rest, spikeParams(getVThreshold(), getVResetAttr())}));
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
