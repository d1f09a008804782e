//===- QuantizeGeneric.cpp - float populations to generic integers --------===//
//
// The numeric half of snn-quantize for user-described chips ("arithmetic":
// "generic"; targets/MODELS.md, "Quantizing for generic"): lif, if, cuba_lif
// and alif become generic_lif / generic_alif with one integer scale S per
// population chosen from the description's widths; izhikevich becomes
// generic_izhikevich with S = 2^F (QuantizeGenericIzhikevich.cpp). Also the
// per-core limits that a chip with no partitioning yet cannot escape: the
// network's neurons against core.neurons x mesh.cores and every neuron's fan-in
// against core.max_fan_in.
//
//===----------------------------------------------------------------------===//

#include "GenericBackend.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Target/GenericModel.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace spikec;
using namespace spikec::quant;
namespace gm = spikec::generic;

namespace {
std::string str(int64_t x) { return std::to_string(x); }

gm::Overflow overflowOf(target::Overflow o) {
  return o == target::Overflow::Wrap ? gm::Overflow::Wrap
                                     : gm::Overflow::Saturate;
}
} // namespace

GenericPrecision quant::readPrecision(const target::TargetDesc &t) {
  const target::Precision &p = t.precision;
  GenericPrecision g;
  g.membraneBits = unsigned(p.membraneBits.value);
  g.currentBits = p.currentBits ? unsigned(p.currentBits->value) : 0;
  g.decayBits = p.decayBits ? unsigned(p.decayBits->value) : 0;
  g.inputShift = p.inputShift ? unsigned(p.inputShift->value) : 0;
  // Without a threshold field the threshold is a non-negative membrane value.
  g.thresholdBits = p.threshold ? unsigned(p.threshold->bits.value)
                                : g.membraneBits - 1;
  g.thresholdShift = p.threshold ? unsigned(p.threshold->shift.value) : 0;
  g.membraneOverflow = overflowOf(p.membraneOverflow);
  g.currentOverflow = overflowOf(p.currentOverflow);
  switch (p.rounding) {
  case target::Rounding::TowardZero:
    g.rounding = gm::Rounding::TowardZero;
    break;
  case target::Rounding::Floor:
    g.rounding = gm::Rounding::Floor;
    break;
  case target::Rounding::Nearest:
    g.rounding = gm::Rounding::Nearest;
    break;
  case target::Rounding::Stochastic:
    g.stochastic = true;
    break;
  }
  if (p.bias) {
    g.hasBias = true;
    g.biasMantBits = p.bias->mantissaBits.value;
    g.biasExpMax = (int64_t(1) << p.bias->exponentBits.value) - 1;
  }
  const int64_t bits = p.weight.bits.value;
  if (p.weight.isSigned) {
    g.grid.lo = fxp::minSigned(unsigned(bits));
    g.grid.hi = fxp::maxSigned(unsigned(bits));
    g.ncWeightBits = bits;
  } else {
    // nc.synapses stores signed weights: one more bit holds [0, 2^bits - 1].
    g.grid.lo = 0;
    g.grid.hi = fxp::maxUnsigned(unsigned(bits));
    g.ncWeightBits = bits + 1;
  }
  // A negative exponent floors the whole dendritic sum: it adds no
  // precision, so exponents start at 0 (as for loihi).
  g.grid.expMin =
      std::max<int64_t>(0, p.weight.exponentMin ? p.weight.exponentMin->value : 0);
  g.grid.expMax = p.weight.exponentMax ? p.weight.exponentMax->value : 0;
  g.grid.unit = std::ldexp(1.0, int(g.inputShift));
  return g;
}

std::optional<std::vector<double>> quant::paramOf(mlir::Operation *op,
                                                  llvm::StringRef name,
                                                  double dflt, int64_t n) {
  mlir::Attribute a = op->getAttr(name);
  if (!a)
    return std::vector<double>(n, dflt);
  auto shape =
      mlir::cast<mlir::RankedTensorType>(op->getResult(0).getType()).getShape();
  return snn::expandParam(a, shape);
}

std::string GenericBackend::checkPopulation(const FloatPopulation &pop) {
  if (prec.stochastic)
    return "stochastic rounding is not reproducible: the generic arithmetic "
           "needs precision.rounding toward_zero, floor or nearest (target '" +
           target.name + "' declares stochastic)";
  static const char *const kinds[] = {"lif", "if", "cuba_lif", "alif",
                                      "izhikevich"};
  if (std::find(std::begin(kinds), std::end(kinds), pop.kind) ==
      std::end(kinds))
    return "the generic arithmetic cannot run " + pop.kind +
           " (it runs lif, if, cuba_lif, alif and izhikevich, whose outputs "
           "are spikes)";
  if (pop.kind == "cuba_lif" && !prec.currentBits)
    return "cuba_lif needs a synaptic current register: target '" +
           target.name + "' declares no precision.current_bits";
  if (pop.kind == "izhikevich" &&
      prec.membraneOverflow == gm::Overflow::Wrap)
    return "izhikevich needs a saturating membrane (its Euler step overshoots "
           "v_peak, and a wrapped v would not spike): target '" +
           target.name + "' wraps";
  // One core cannot be split: the chip's neurons bound the whole network.
  const int64_t perCore = target.core.neurons.value;
  const int64_t cores = target.mesh.cores.value;
  int64_t &total = neuronsPerNetwork[pop.op->getParentOp()];
  total += pop.size;
  if (total > perCore * cores)
    return "the network needs " + str(total) +
           " neurons up to this population, more than " + target.name +
           "'s " + str(perCore * cores) + " (core.neurons " + str(perCore) +
           " x mesh.cores " + str(cores) + ")";
  return "";
}

std::string GenericBackend::checkFanIn(const FloatPopulation &pop) {
  std::vector<int64_t> fanIn(pop.size, 0);
  for (const FloatTable &tab : pop.tables)
    for (const Synapse &s : tab.syn)
      ++fanIn[s.post];
  auto worst = std::max_element(fanIn.begin(), fanIn.end());
  const int64_t limit = target.core.maxFanIn.value;
  if (worst != fanIn.end() && *worst > limit)
    return "fan-in " + str(*worst) + neuronSuffix(worst - fanIn.begin()) +
           " exceeds " + target.name + "'s core.max_fan_in of " + str(limit) +
           " synapses per neuron";
  return "";
}

std::string GenericBackend::quantize(const FloatPopulation &pop,
                                     IntPopulation &out) {
  if (std::string why = checkFanIn(pop); !why.empty())
    return why;
  if (!prec.grid.lo)
    for (const FloatTable &tab : pop.tables)
      for (const Synapse &s : tab.syn)
        if (s.w < 0)
          return "weight " + formatNumber(s.w) + " from '" + tab.source +
                 "' is negative: target '" + target.name +
                 "' declares unsigned weights";
  if (pop.kind == "izhikevich")
    return quantizeIzhikevich(pop, out);
  return quantizeLIF(pop, out);
}

std::string GenericBackend::encodeDecay(double f, const std::string &what,
                                        int64_t j, int32_t &d,
                                        double &maxError) {
  const unsigned bits = prec.decayBits;
  if (!(f >= 0 && f <= 1))
    return what + " = " + formatNumber(f) + neuronSuffix(j) +
           " is outside [0, 1]";
  if (bits == 0) {
    if (f != 1)
      return what + " = " + formatNumber(f) + neuronSuffix(j) +
             " needs a multiplier: target '" + target.name +
             "' declares no precision.decay_bits, so only a factor of 1 (no "
             "leak) is exact";
    d = 0;
    return "";
  }
  const int64_t q = roundHalfAway(std::ldexp(1 - f, int(bits)));
  if (q > fxp::maxUnsigned(bits))
    return what + " = " + formatNumber(f) + neuronSuffix(j) + " is below " +
           formatNumber(std::ldexp(1.0, -int(bits))) +
           ", the smallest factor of " + str(bits) + " decay bits";
  d = int32_t(q);
  maxError = std::max(maxError,
                      std::abs(std::ldexp(double(fxp::maxUnsigned(bits) + 1 - q),
                                          -int(bits)) -
                               f));
  return "";
}

std::string GenericBackend::fitTables(const FloatPopulation &pop,
                                      const std::vector<double> &g,
                                      const ScaleBound &sb, int64_t &S,
                                      std::vector<IntTable> &tables,
                                      bool exactFirst) {
  const double sumLimit = double(fxp::maxSigned(32));
  ScaleSteps steps(exactFirst ? exactScales(pop.tables, g, sb.value, prec.grid)
                              : std::vector<int64_t>(),
                   int64_t(std::floor(sb.value)));
  S = steps.scale();
  for (int iter = 0;; ++iter) {
    if (S < 1)
      return "no integer scale fits " + target.name + ": " + sb.why +
             " allows S <= " + formatNumber(sb.value) + " < 1";
    tables.assign(pop.tables.size(), IntTable());
    std::vector<double> worst(pop.size, 0.0);
    bool fits = true;
    for (size_t t = 0; fits && t < pop.tables.size(); ++t)
      fits = quantizeTable(pop.tables[t], g, double(S), prec.grid, tables[t],
                           worst);
    for (int64_t j = 0; fits && j < pop.size; ++j)
      fits = worst[j] <= sumLimit;
    if (fits)
      return "";
    if (iter > 200)
      return "no integer scale fits " + target.name +
             " after rounding (last tried S = " + str(S) + ", bound: " +
             sb.why + ")";
    steps.lower();
    S = steps.scale();
  }
}

std::string GenericBackend::quantizeLIF(const FloatPopulation &pop,
                                        IntPopulation &out) {
  const int64_t n = pop.size;
  const bool cuba = pop.kind == "cuba_lif";
  const bool adaptive = pop.kind == "alif";
  const int64_t maxV = prec.maxV();
  std::vector<double> adapt(n, 0.0), adaptDecay(n, 1.0);
  if (adaptive) {
    auto a = paramOf(pop.op, "adapt", 0.0, n);
    auto ad = paramOf(pop.op, "adapt_decay", 1.0, n);
    if (!a || !ad)
      return "a parameter blob is missing";
    adapt = std::move(*a);
    adaptDecay = std::move(*ad);
  }
  if (pop.refractory > gm::kMaxRefractory)
    return "refractory = " + str(pop.refractory) +
           " steps exceeds the generic refractory range [0, " +
           str(gm::kMaxRefractory) + "]";

  gm::LIFParams base;
  base.membraneBits = uint8_t(prec.membraneBits);
  base.currentBits = uint8_t(cuba ? prec.currentBits : 0);
  base.decayBits = uint8_t(prec.decayBits);
  base.inputShift = uint8_t(prec.inputShift);
  base.thresholdShift = uint8_t(prec.thresholdShift);
  base.membraneOverflow = prec.membraneOverflow;
  base.currentOverflow = prec.currentOverflow;
  base.rounding = prec.rounding;
  base.reset = pop.reset == "subtract" ? gm::ResetMode::Subtract
               : pop.reset == "none"   ? gm::ResetMode::None
                                       : gm::ResetMode::ToVReset;
  base.timing = pop.timingPre ? gm::Timing::Pre : gm::Timing::Post;
  base.refractory = uint16_t(pop.refractory);
  std::vector<gm::LIFParams> ps(n, base);

  // Encodings that do not depend on S.
  double decayError = 0;
  std::vector<double> g(n), k(n);
  for (int64_t j = 0; j < n; ++j) {
    if (!(pop.vth[j] >= 0))
      return "v_threshold " + formatNumber(pop.vth[j]) + neuronSuffix(j) +
             " is negative: the generic threshold mantissa is unsigned";
    if (adaptive && !(adapt[j] >= 0))
      return "adapt " + formatNumber(adapt[j]) + neuronSuffix(j) +
             " is negative: the generic adaptation only raises the threshold";
    std::string why = encodeDecay(pop.decay[j], "decay", j, ps[j].dv, decayError);
    if (why.empty() && cuba)
      why = encodeDecay(pop.synDecay[j], "syn_decay", j, ps[j].di, decayError);
    if (why.empty() && adaptive && adapt[j] != 0)
      why = encodeDecay(adaptDecay[j], "adapt_decay", j, ps[j].da, decayError);
    if (!why.empty())
      return why;
    g[j] = pop.gain[j] * (cuba ? pop.synGain[j] : 1.0);
    if (cuba && pop.constant[j] != 0)
      return "a projection bias enters cuba_lif through its synaptic current, "
             "and the generic current has no bias, so it is not exact";
    k[j] = (cuba ? 0.0 : pop.gain[j] * pop.constant[j]) + pop.bias[j];
    if (k[j] != 0 && !prec.hasBias)
      return "bias " + formatNumber(k[j]) + neuronSuffix(j) +
             " needs a bias: target '" + target.name +
             "' declares no precision.bias";
  }

  // Upper bounds on S.
  ScaleBound sb(double(maxV), str(prec.membraneBits) + "-bit membrane");
  const double vthMaxF = *std::max_element(pop.vth.begin(), pop.vth.end());
  if (vthMaxF > 0)
    sb.bound(double(fxp::maxUnsigned(prec.thresholdBits)) *
                 std::ldexp(1.0, int(prec.thresholdShift)) / vthMaxF,
             "threshold: v_threshold " + formatNumber(vthMaxF) + " in " +
                 str(prec.thresholdBits) + " bits << " +
                 str(prec.thresholdShift));
  const WeightGrid &grid = prec.grid;
  for (const FloatTable &tab : pop.tables)
    if (double m = largestScaledWeight(tab, g); m > 0)
      sb.bound(double(grid.hi) * std::ldexp(grid.unit, int(grid.expMax)) / m,
               "weights from '" + tab.source + "': |gain w| up to " +
                   formatNumber(m) + " in [" + str(grid.lo) + ", " +
                   str(grid.hi) + "] at weight_exp " + str(grid.expMax));
  std::vector<double> posSum(n, 0.0), negSum(n, 0.0), absSum(n, 0.0);
  for (const FloatTable &tab : pop.tables)
    for (const Synapse &s : tab.syn) {
      double x = g[s.post] * s.w;
      (x > 0 ? posSum : negSum)[s.post] += x;
      absSum[s.post] += std::abs(x);
    }
  double kMax = 0;
  for (int64_t j = 0; j < n; ++j)
    kMax = std::max(kMax, std::abs(k[j]));
  if (kMax > 0)
    sb.bound(double(fxp::maxSigned(unsigned(prec.biasMantBits))) *
                 std::ldexp(1.0, int(prec.biasExpMax)) / kMax,
             "bias: |gain b + bias| up to " + formatNumber(kMax));
  // A wrapping membrane or a subtract reset must hold the threshold plus a
  // whole step's input (the remainder is kept); otherwise v need only
  // exceed the threshold.
  const bool headroom = prec.membraneOverflow == gm::Overflow::Wrap ||
                        pop.reset == "subtract";
  for (int64_t j = 0; j < n; ++j) {
    // Per-step gain of the drive: 1, or 1 / (1 - syn_decay) through the
    // current (unbounded, so not bounded here, for a non-leaky current).
    const double through =
        cuba ? (pop.synDecay[j] < 1 ? 1 / (1 - pop.synDecay[j]) : 0.0) : 1.0;
    const double adaptMax =
        adapt[j] == 0 ? 0.0
                      : (adaptDecay[j] < 1 ? adapt[j] / (1 - adaptDecay[j])
                                           : adapt[j]);
    const double theta = pop.vth[j] + adaptMax;
    const double reach =
        theta + (headroom ? posSum[j] * through + std::max(0.0, k[j]) : 0.0);
    if (reach > 0)
      sb.bound(double(maxV - 1) / reach,
               "membrane headroom" + neuronSuffix(j) + ": threshold " +
                   formatNumber(theta) +
                   (headroom ? " plus one step's input " +
                                   formatNumber(reach - theta)
                             : std::string()) +
                   " must stay below the largest " + str(prec.membraneBits) +
                   "-bit v");
    if (adaptMax > 0)
      sb.bound(double(maxV) / adaptMax,
               "adaptation" + neuronSuffix(j) +
                   ": adapt / (1 - adapt_decay) = " + formatNumber(adaptMax));
    if (pop.vReset[j] != 0)
      sb.bound(double(maxV) / std::abs(pop.vReset[j]),
               "v_reset " + formatNumber(pop.vReset[j]) + neuronSuffix(j));
    if (cuba && through > 0 && absSum[j] > 0)
      sb.bound(double(fxp::maxSigned(prec.currentBits)) / (absSum[j] * through),
               "current" + neuronSuffix(j) +
                   ": sum |gain w| / (1 - syn_decay) = " +
                   formatNumber(absSum[j] * through) + " in " +
                   str(prec.currentBits) + " bits");
    // The lowest v a leaky neuron reaches; a non-leaky one has no floor
    // (MODELS.md: not modelled).
    const double neg = (std::min(0.0, k[j]) + negSum[j]) * (cuba ? through : 1);
    if (neg < 0 && pop.decay[j] < 1)
      sb.bound(double(maxV) * (1 - pop.decay[j]) / -neg,
               "membrane floor" + neuronSuffix(j) + ": v can reach " +
                   formatNumber(neg / (1 - pop.decay[j])));
  }

  int64_t S = 0;
  if (std::string why =
          fitTables(pop, g, sb, S, out.tables, /*exactFirst=*/true);
      !why.empty())
    return why;

  // Threshold, reset, bias and adaptation at S.
  double thresholdError = 0, biasError = 0;
  const int64_t vthMant = fxp::maxUnsigned(prec.thresholdBits);
  for (int64_t j = 0; j < n; ++j) {
    gm::LIFParams &p = ps[j];
    const double exactV = double(S) * pop.vth[j];
    p.vth = int32_t(std::min<int64_t>(
        vthMant,
        roundHalfAway(std::ldexp(exactV, -int(prec.thresholdShift)))));
    if (exactV > 0)
      thresholdError =
          std::max(thresholdError,
                   std::abs(double(gm::effectiveThreshold(p)) - exactV) / exactV);
    p.vReset = int32_t(fxp::saturateSigned(
        roundHalfAway(double(S) * pop.vReset[j]), prec.membraneBits));
    p.adaptJump = int32_t(std::min<int64_t>(
        maxV, roundHalfAway(double(S) * adapt[j])));
    const double exactB = double(S) * k[j];
    if (exactB == 0)
      continue;
    const int64_t bMax = fxp::maxSigned(unsigned(prec.biasMantBits));
    int64_t e = 0, b = roundHalfAway(exactB);
    while (std::abs(b) > bMax && e < prec.biasExpMax)
      b = roundHalfAway(std::ldexp(exactB, -int(++e)));
    const int64_t bias = b * (int64_t(1) << e);
    if (std::abs(b) > bMax || std::abs(bias) > maxV)
      return "bias " + formatNumber(k[j]) + neuronSuffix(j) + " does not fit " +
             str(prec.biasMantBits) + " bits at exponent " +
             str(prec.biasExpMax) + " in a " + str(prec.membraneBits) +
             "-bit membrane with S = " + str(S);
    p.bias = int32_t(bias);
    biasError = std::max(biasError, std::abs(double(bias) - exactB) /
                                        std::abs(exactB));
  }

  for (int64_t j = 0; j < n; ++j) {
    std::string why;
    if (!gm::validate(ps[j], &why))
      return "generic parameters" + neuronSuffix(j) + " out of range: " + why;
  }
  std::vector<std::vector<int64_t>> values;
  for (const gm::LIFParams &p : ps)
    values.push_back(gm::toValues(p, adaptive));
  finish(pop, g, double(S), adaptive ? "generic_alif" : "generic_lif",
         gm::lifParamNames(adaptive), values, out);
  out.report = {{"S", S},
                {"S_bound", sb.why},
                {"threshold_rel_error", thresholdError},
                {"bias_rel_error", biasError},
                {"decay_abs_error", decayError}};
  return "";
}

void GenericBackend::finish(const FloatPopulation &pop,
                            const std::vector<double> &g, double S,
                            const char *model,
                            const std::vector<const char *> &names,
                            const std::vector<std::vector<int64_t>> &values,
                            IntPopulation &out) {
  out.model = model;
  out.params.assign(names.size(), {});
  for (size_t k = 0; k < names.size(); ++k) {
    out.params[k].first = names[k];
    for (const std::vector<int64_t> &v : values)
      out.params[k].second.push_back(int32_t(v[k]));
  }
  std::vector<double> scalePerPost(g.size());
  for (size_t j = 0; j < g.size(); ++j)
    scalePerPost[j] = S * g[j];
  for (size_t t = 0; t < out.tables.size(); ++t) {
    out.tables[t].weightBits = prec.ncWeightBits;
    measureWeightErrors(
        pop.tables[t], out.tables[t], scalePerPost,
        std::ldexp(prec.grid.unit, int(out.tables[t].weightExp)));
  }
}

std::unique_ptr<Backend>
spikec::quant::makeGenericBackend(const target::TargetDesc &t) {
  return std::make_unique<GenericBackend>(t);
}
