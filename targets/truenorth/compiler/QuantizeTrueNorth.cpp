//===- QuantizeTrueNorth.cpp - float populations to truenorth integers ----===//
//
// The numeric half of snn-quantize for truenorth (targets/MODELS.md,
// "Quantizing for truenorth"): lif and if populations in per-step form
// become TrueNorth neurons (Cassidy 2013) with one integer scale S per
// population. The synapse tables keep one integer weight per synapse;
// nc-legalize-truenorth later expresses them with the crossbar's axon types.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"
#include "QuantizeScale.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Target/TrueNorthModel.h"
#include "spikec/Target/TrueNorthParams.h"

#include <algorithm>
#include <cmath>

using namespace spikec;
using namespace spikec::quant;

namespace {

constexpr const char *kLinearLeak = "truenorth-linear-leak";

std::string neuronText(int64_t j) { return "neuron " + std::to_string(j); }

class TrueNorthBackend : public Backend {
public:
  using Backend::Backend;

  std::string checkPopulation(const FloatPopulation &pop) override;
  std::string quantize(const FloatPopulation &pop, IntPopulation &out) override;
  std::string checkEncoder(mlir::Operation *encoder) override;
  /// Every population runs as the native "truenorth" neuron.
  bool listsModel(const FloatPopulation &pop) override {
    return target.supportsNeuronModel(pop.kind) ||
           target.supportsNeuronModel("truenorth");
  }

private:
  bool allowed(const std::string &name) const {
    return std::find(options.approximations.begin(),
                     options.approximations.end(),
                     name) != options.approximations.end();
  }
};

std::string TrueNorthBackend::checkPopulation(const FloatPopulation &pop) {
  if (pop.kind == "cuba_lif")
    return "truenorth cannot run cuba_lif (its neurons have no synaptic "
           "current: an input acts in the tick it arrives)";
  if (pop.kind == "alif")
    return "truenorth cannot run alif (its threshold does not adapt)";
  if (pop.kind == "izhikevich")
    return "truenorth cannot run izhikevich (its neuron is linear: no "
           "quadratic term and no recovery variable)";
  if (pop.kind == "li" || pop.kind == "cuba_li" || pop.kind == "integrator")
    return "truenorth cannot run " + pop.kind +
           " (its neurons only send spikes and it has no graded output; " +
           pop.kind +
           "'s output is its membrane: compile for loihi, whose "
           "readout compartments output it)";
  if (!pop.isLIFFamily())
    return "truenorth cannot run " + pop.kind + " (it runs lif and if)";
  if (pop.timingPre)
    return "timing pre (spike from the previous membrane) is not exact on "
           "truenorth (it spikes on the updated membrane)";
  if (pop.refractory > 0)
    return "refractory = " + std::to_string(pop.refractory) +
           " steps is not exact on truenorth (its neurons have no "
           "refractory period)";
  for (int64_t j = 0; j < pop.size; ++j) {
    double d = pop.decay[j];
    if (d == 1)
      continue;
    if (!(d >= 0 && d < 1))
      return "decay " + formatNumber(d) + " (" + neuronText(j) +
             ") is outside [0, 1]: truenorth's leak cannot express it";
    if (!allowed(kLinearLeak))
      return "decay " + formatNumber(d) + " (" + neuronText(j) +
             ") has no exact form on truenorth: its leak is linear (a "
             "constant per tick); --approx=" +
             kLinearLeak + " replaces the decay by a linear leak toward 0";
  }
  for (int64_t j = 0; j < pop.size; ++j)
    if (pop.vth[j] < 0)
      return "v_threshold " + formatNumber(pop.vth[j]) + " (" + neuronText(j) +
             ") is negative: truenorth's threshold alpha is unsigned";
  return "";
}

std::string TrueNorthBackend::checkEncoder(mlir::Operation *encoder) {
  if (auto delta = llvm::dyn_cast<snn::EncodeDeltaOp>(encoder);
      delta && delta.getOffSpikes())
    return "truenorth axons carry spikes: the -1 events of a delta encoder "
           "with off_spikes have no form";
  return Backend::checkEncoder(encoder);
}

std::string TrueNorthBackend::quantize(const FloatPopulation &pop,
                                       IntPopulation &out) {
  const int64_t n = pop.size;
  const auto &prec = target.precision;
  const int64_t wMax = (int64_t(1) << (prec.weight.bits.value - 1)) - 1;
  const int64_t alphaMax =
      (int64_t(1) << (prec.threshold ? prec.threshold->bits.value
                                     : truenorth::kThresholdBits)) -
      1;
  const int64_t vMax = (int64_t(1) << (prec.membraneBits.value - 1)) - 1;
  const int64_t leakMax = (int64_t(1) << (truenorth::kLeakBits - 1)) - 1;
  const int64_t resetMax = (int64_t(1) << (truenorth::kResetBits - 1)) - 1;

  // Per tick in float units: the exact leak is the bias (gain b + bias);
  // the approximated one pulls |v| toward 0 by what the decay removes at
  // half the threshold.
  std::vector<double> leakF(n), g(pop.gain);
  std::vector<uint8_t> linear(n, 0);
  for (int64_t j = 0; j < n; ++j) {
    double bias = pop.gain[j] * pop.constant[j] + pop.bias[j];
    if (pop.decay[j] == 1) {
      leakF[j] = bias;
      continue;
    }
    if (bias != 0)
      return "decay " + formatNumber(pop.decay[j]) + " and bias " +
             formatNumber(bias) + " (" + neuronText(j) +
             ") cannot both map to truenorth: " + kLinearLeak +
             " needs the one leak per neuron to pull toward 0";
    linear[j] = 1;
    leakF[j] = -(1 - pop.decay[j]) * pop.vth[j] / 2;
  }

  // Upper bounds on S.
  ScaleBound sMax(double(vMax),
                  std::to_string(prec.membraneBits.value) + "-bit membrane");
  auto bound = [&](double b, const std::string &why) { sMax.bound(b, why); };
  double vthMax = *std::max_element(pop.vth.begin(), pop.vth.end());
  if (vthMax > 0)
    bound(double(alphaMax - 1) / vthMax,
          "threshold: v_threshold " + formatNumber(vthMax) +
              " with alpha = floor(S v_threshold) + 1 <= " +
              std::to_string(alphaMax));
  std::vector<double> sumPos(n, 0.0);
  for (const FloatTable &tab : pop.tables) {
    double m = 0;
    for (const Synapse &s : tab.syn) {
      double w = g[s.post] * s.w;
      m = std::max(m, std::abs(w));
      sumPos[s.post] += std::max(0.0, w);
    }
    if (m > 0)
      bound(double(wMax) / m,
            "weights from '" + tab.source + "': |gain w| up to " +
                formatNumber(m) + " in " +
                std::to_string(prec.weight.bits.value) + " bits");
  }
  for (int64_t j = 0; j < n; ++j) {
    if (leakF[j] != 0)
      bound(double(leakMax) / std::abs(leakF[j]),
            "leak: " + formatNumber(leakF[j]) + " per tick (" + neuronText(j) +
                ") in [-" + std::to_string(leakMax) + ", " +
                std::to_string(leakMax) + "]");
    if (pop.reset == "zero" && pop.vReset[j] != 0)
      bound(double(resetMax) / std::abs(pop.vReset[j]),
            "reset: v_reset " + formatNumber(pop.vReset[j]) + " in " +
                std::to_string(truenorth::kResetBits) + " bits");
    // Below the threshold before the tick, the membrane gains at most the
    // positive inputs and leak (a reset-none neuron is not bounded).
    double top = pop.vth[j] + sumPos[j] + std::max(0.0, leakF[j]);
    if (pop.reset != "none" && top > 0)
      bound(double(vMax) / top,
            "membrane: " + neuronText(j) + " can reach " + formatNumber(top) +
                " in " + std::to_string(prec.membraneBits.value) + " bits");
  }
  int64_t S = int64_t(std::floor(sMax.value));
  if (S < 1)
    return "no integer scale fits truenorth: " + sMax.why +
           " allows S <= " + formatNumber(sMax.value) + " < 1";

  // Synapse tables: one integer per synapse, no exponent.
  out.tables.clear();
  std::vector<double> scalePerPost(n);
  for (int64_t j = 0; j < n; ++j)
    scalePerPost[j] = double(S) * g[j];
  for (const FloatTable &tab : pop.tables) {
    IntTable it;
    it.offsets.assign(tab.preSize + 1, 0);
    for (const Synapse &s : tab.syn) {
      it.offsets[s.pre + 1]++;
      it.targets.push_back(s.post);
      it.weights.push_back(int32_t(roundHalfAway(scalePerPost[s.post] * s.w)));
    }
    for (int64_t p = 0; p < tab.preSize; ++p)
      it.offsets[p + 1] += it.offsets[p];
    measureWeightErrors(tab, it, scalePerPost, 1.0);
    out.tables.push_back(std::move(it));
  }

  // Neurons. snn spikes when v' > v_threshold; with an integer membrane
  // V = S v' that is V >= floor(S v_threshold) + 1 = alpha. weight0..3 are
  // chosen per neuron by nc-legalize-truenorth; until then the tables'
  // weights are what a neuron adds (all zero here). The negative threshold
  // is a floor at -beta (neg_saturate), never a reset.
  const truenorth::ResetMode mode =
      pop.reset == "zero"       ? truenorth::ResetMode::Normal
      : pop.reset == "subtract" ? truenorth::ResetMode::Linear
                                : truenorth::ResetMode::None;
  std::vector<truenorth::NeuronParams> neurons(n);
  double leakErr = 0, resetErr = 0, subtractLsb = 0;
  for (int64_t j = 0; j < n; ++j) {
    truenorth::NeuronParams &p = neurons[j];
    double exactAlpha = double(S) * pop.vth[j];
    p.alpha = int32_t(std::floor(exactAlpha)) + 1;
    p.beta = int32_t(alphaMax);
    double exactLeak = double(S) * leakF[j];
    // |leak| <= leakMax by the scale's bound above.
    p.leak = int16_t(roundHalfAway(exactLeak));
    p.leakReversal = linear[j] != 0;
    if (exactLeak != 0)
      leakErr =
          std::max(leakErr, std::abs(p.leak - exactLeak) / std::abs(exactLeak));
    if (pop.reset == "zero") {
      double exactR = double(S) * pop.vReset[j];
      p.resetV = int32_t(roundHalfAway(exactR));
      if (exactR != 0)
        resetErr =
            std::max(resetErr, std::abs(p.resetV - exactR) / std::abs(exactR));
    }
    // Linear reset subtracts alpha, not S v_threshold.
    if (pop.reset == "subtract")
      subtractLsb = std::max(subtractLsb, double(p.alpha) - exactAlpha);
    p.resetMode = mode;
    p.negSaturate = true;
  }
  out.model = "truenorth";
  out.params = truenorth::toNamedValues(neurons);
  out.report = {{"S", S},
                {"S_bound", sMax.why},
                {"leak_rel_error", leakErr},
                {"reset_rel_error", resetErr}};
  if (pop.reset == "subtract")
    out.report.push_back({"subtract_error_lsb", subtractLsb});
  if (std::find(linear.begin(), linear.end(), 1) != linear.end()) {
    out.approximation = kLinearLeak;
    int64_t j = std::max_element(leakF.begin(), leakF.end(),
                                 [](double a, double b) {
                                   return std::abs(a) < std::abs(b);
                                 }) -
                leakF.begin();
    out.report.push_back(
        {"approximation",
         std::string(kLinearLeak) + ": decay " + formatNumber(pop.decay[j]) +
             " per step replaced by a leak of " +
             std::to_string(-neurons[j].leak) + " per tick toward 0 (" +
             neuronText(j) + ", what the decay removes at v_threshold / 2)"});
  }
  return "";
}

} // namespace

std::unique_ptr<Backend>
spikec::quant::makeTrueNorthBackend(const target::TargetDesc &t) {
  return std::make_unique<TrueNorthBackend>(t);
}
