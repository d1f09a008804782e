//===- QuantizeLoihi.cpp - float populations to loihi integers ------------===//
//
// The numeric half of snn-quantize for loihi (targets/MODELS.md, "Quantizing
// for loihi"): picks one integer scale S per population and encodes the
// weights, weight exponents, threshold, bias and decays.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"
#include "QuantizeScale.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Target/LoihiParams.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace spikec;
using namespace spikec::quant;

namespace {

/// The weight step of a table is lsb = unit 2^e / S in float units, e the
/// smallest exponent at which its largest |gain w| = m fits wMax. The
/// largest S is not the best one: exponents are powers of two, so just
/// below an S that needs a larger exponent the step is coarsest. The
/// candidates are sMax and, per table and exponent, the S that puts m
/// exactly on wMax; the one whose worst relative step max_t(lsb_t / m_t) is
/// smallest wins (the larger S on a tie).
double alignScaleToWeightGrid(double sMax, const std::vector<double> &tableMax,
                              double unit, int64_t eMin, int64_t eMax,
                              int64_t wMax) {
  auto worstStep = [&](double S) {
    double worst = 0;
    for (double m : tableMax) {
      if (m <= 0)
        continue;
      int64_t e = eMin;
      while (e < eMax && S * m / std::ldexp(unit, int(e)) > double(wMax) + 0.5)
        ++e;
      worst = std::max(worst, std::ldexp(unit, int(e)) / (S * m));
    }
    return worst;
  };
  double best = std::floor(sMax), bestStep = worstStep(best);
  for (double m : tableMax) {
    if (m <= 0)
      continue;
    for (int64_t e = eMin; e <= eMax; ++e) {
      double S = std::floor(double(wMax) * std::ldexp(unit, int(e)) / m);
      if (S < 1 || S > sMax)
        continue;
      double step = worstStep(S);
      if (step < bestStep || (step == bestStep && S > best)) {
        best = S;
        bestStep = step;
      }
    }
  }
  return best;
}

/// Calibrated rounding: each weight is rounded to nearest, then, per post
/// neuron, weights are moved to their other neighbour (most active pre
/// neurons first) while that brings the rate-weighted sum of rounding
/// errors sum_k (q_k - exact_k) rate(pre_k) closer to zero. Every weight
/// stays within one step of its exact value, and the neuron's mean input
/// error at the measured rates nearly cancels instead of drifting the
/// membrane (what post-training quantization calls bias correction, done in
/// the weights since it must hold at every rate).
void balanceRounding(const FloatTable &tab, const std::vector<double> &exact,
                     int32_t wMin, int32_t wMax, std::vector<int32_t> &q) {
  std::vector<std::vector<size_t>> byPost;
  for (size_t k = 0; k < tab.syn.size(); ++k) {
    size_t post = size_t(tab.syn[k].post);
    if (post >= byPost.size())
      byPost.resize(post + 1);
    byPost[post].push_back(k);
  }
  for (std::vector<size_t> &ks : byPost) {
    double err = 0;
    for (size_t k : ks)
      err += (q[k] - exact[k]) * tab.preRate[tab.syn[k].pre];
    std::stable_sort(ks.begin(), ks.end(), [&](size_t a, size_t b) {
      return tab.preRate[tab.syn[a].pre] > tab.preRate[tab.syn[b].pre];
    });
    for (size_t k : ks) {
      double rate = tab.preRate[tab.syn[k].pre];
      if (rate <= 0)
        break;
      int32_t alt = q[k] > exact[k] ? q[k] - 1 : q[k] + 1;
      if (alt < wMin || alt > wMax)
        continue;
      double moved = err + (alt - q[k]) * rate;
      if (std::abs(moved) < std::abs(err)) {
        err = moved;
        q[k] = alt;
      }
    }
  }
}

/// The loihi parameters of a population while they are chosen.
struct LoihiPopulation {
  int64_t scale = 0;      ///< S
  std::string scaleBound; ///< which constraint set S
  std::vector<loihi::NeuronParams> neurons;
  std::vector<IntTable> tables;
  double maxThresholdRelError = 0, maxBiasRelError = 0;
};

bool quantizeLoihi(const FloatPopulation &pop, const target::TargetDesc &t,
                   LoihiPopulation &out, std::string &error);

class LoihiBackend : public Backend {
public:
  using Backend::Backend;

  std::string checkPopulation(const FloatPopulation &pop) override {
    if (pop.isReadout())
      return ""; // a readout compartment: no threshold, no reset
    if (!pop.isLIFFamily())
      return "loihi cannot run " + pop.kind +
             " (its compartments run lif, if and cuba_lif dynamics, and li, "
             "cuba_li and integrator as readouts)";
    if (pop.reset == "subtract")
      return "reset by subtraction is not exact on loihi (it resets to 0); "
             "of the preset chips loihi2 runs it (--target=loihi2) and "
             "truenorth (its linear reset), as does any user chip of the generic arithmetic (e.g. "
             "examples/targets/odin.json)";
    if (pop.reset == "none")
      return "reset none is not exact on loihi (it resets to 0)";
    for (int64_t j = 0; j < pop.size; ++j)
      if (pop.vReset[j] != 0)
        return "v_reset = " + formatNumber(pop.vReset[j]) + " (neuron " +
               std::to_string(j) + ") is not exact on loihi (it resets to 0)";
    if (pop.timingPre)
      return "timing pre (spike from the previous membrane) is not exact on "
             "loihi (it spikes on the updated membrane)";
    return "";
  }

  std::string quantize(const FloatPopulation &pop,
                       IntPopulation &out) override {
    const bool cuba = pop.kind == "cuba_lif" || pop.kind == "cuba_li";
    bool currentBias = false;
    if (cuba)
      for (double c : pop.constant)
        currentBias |= c != 0;
    if (currentBias && !llvm::is_contained(options.approximations,
                                           loihi::kCurrentBiasToMembrane))
      return "a projection bias enters " + pop.kind +
             " through its synaptic current; loihi's bias enters the "
             "membrane, so it is not exact (--approx=" +
             loihi::kCurrentBiasToMembrane +
             " maps it as the membrane bias its steady current gives; "
             "loihi2 runs it exactly)";
    // A readout sends no events: nothing on the chip can take its membrane
    // as input.
    for (const FloatTable &t : pop.tables)
      if (t.sourceOp &&
          mlir::isa<snn::LIOp, snn::CubaLIOp, snn::IntegratorOp>(t.sourceOp))
        return "its input comes from " + describeOp(t.sourceOp) +
               ", whose output is a membrane value; on loihi " +
               t.sourceOp->getName().stripDialect().str() +
               " runs as a readout compartment, which sends no events "
               "(a readout may only feed network outputs)";
    // The approximation: the bias c's current settles at
    // syn_gain c / (1 - syn_decay), which drives v by gain times that every
    // step; the float current reaches it only after its transient
    // (syn_decay^t of it is missing at step t), so the membrane gets that
    // much more drive early on.
    FloatPopulation approx;
    const FloatPopulation *use = &pop;
    double worstEarly = 0, settling = 0;
    if (currentBias) {
      approx = pop;
      for (int64_t j = 0; j < pop.size; ++j) {
        double c = pop.constant[j];
        if (c == 0)
          continue;
        if (!(pop.synDecay[j] < 1))
          return "neuron " + std::to_string(j) + ": syn_decay " +
                 formatNumber(pop.synDecay[j]) +
                 " never lets the bias current settle, so --approx=" +
                 loihi::kCurrentBiasToMembrane + " has no steady state to use";
        double drive =
            pop.gain[j] * pop.synGain[j] * c / (1.0 - pop.synDecay[j]);
        approx.bias[j] += drive;
        approx.constant[j] = 0;
        worstEarly = std::max(worstEarly, std::abs(drive));
        settling = std::max(settling, 1.0 / (1.0 - pop.synDecay[j]));
      }
      use = &approx;
    }
    LoihiPopulation lp;
    std::string error;
    if (!quantizeLoihi(*use, target, lp, error))
      return error;
    if (currentBias) {
      out.approximation = loihi::kCurrentBiasToMembrane;
      out.approximationNote =
          "the projection bias drives the membrane with its settled "
          "current from step 0: up to " +
          formatNumber(worstEarly) +
          " (float units of v per step) too much at step 0, the excess "
          "falling by syn_decay each step (time constant up to " +
          formatNumber(settling) + " steps)";
    }
    out.model = pop.isReadout() ? "loihi_readout" : "loihi";
    out.params = loihi::toNamedValues(lp.neurons, pop.isReadout());
    out.tables = std::move(lp.tables);
    out.report = {{"S", lp.scale},
                  {"S_bound", lp.scaleBound},
                  {"threshold_rel_error", lp.maxThresholdRelError},
                  {"bias_rel_error", lp.maxBiasRelError}};
    if (currentBias) {
      out.report.push_back({"approximation", out.approximation});
      out.report.push_back({"current_bias_max_early_error", worstEarly});
      out.report.push_back({"current_bias_settling_steps", settling});
    }
    return "";
  }
};
} // namespace

std::unique_ptr<Backend>
spikec::quant::makeLoihiBackend(const target::TargetDesc &t) {
  return std::make_unique<LoihiBackend>(t);
}

namespace {
bool quantizeLoihi(const FloatPopulation &pop, const target::TargetDesc &t,
                   LoihiPopulation &out, std::string &error) {
  const int64_t n = pop.size;
  const bool cuba = pop.kind == "cuba_lif" || pop.kind == "cuba_li";
  const bool readout = pop.isReadout();
  const auto &prec = t.precision;
  const int64_t wBits = prec.weight.bits.value;
  const int64_t wMax = (int64_t(1) << (wBits - 1)) - 1;
  const int64_t wMin = -(int64_t(1) << (wBits - 1));
  // A negative exponent floors the whole dendritic sum to multiples of
  // 2^-e: it never adds precision (a's LSB is 64 state units whatever e is),
  // so exponents start at 0.
  const int64_t eMin = std::max<int64_t>(0, prec.weight.exponentMin
                                                ? prec.weight.exponentMin->value
                                                : 0);
  const int64_t eMax =
      prec.weight.exponentMax ? prec.weight.exponentMax->value : 0;
  // The loihi chip requires the threshold and bias fields
  // (LoihiChip.cpp); the input shift defaults to the model's.
  const int64_t vthBits = prec.threshold->bits.value;
  const int64_t vthShift = prec.threshold->shift.value;
  const int64_t inShift =
      prec.inputShift ? prec.inputShift->value : loihi::kActShift;
  const int64_t vthMax = (int64_t(1) << vthBits) - 1;
  const int64_t biasMantBits = prec.bias->mantissaBits.value;
  const int64_t biasExpMax = (int64_t(1) << prec.bias->exponentBits.value) - 1;
  const int64_t bMax = (int64_t(1) << (biasMantBits - 1)) - 1;
  const int64_t bMin = -(int64_t(1) << (biasMantBits - 1));
  const int64_t aMaxHw = (int64_t(1) << (loihi::kInputBits - 1)) - 1; // 32767
  if (eMax < eMin) {
    error = "target's weight exponent range has no exponent >= 0";
    return false;
  }

  // Per-neuron checks and encodings independent of S.
  out.neurons.assign(n, loihi::NeuronParams());
  if (pop.refractory > loihi::kMaxRefractoryDelay) {
    error = "refractory = " + std::to_string(pop.refractory) +
            " steps exceeds loihi's refractory_delay range [0, " +
            std::to_string(loihi::kMaxRefractoryDelay) + "]";
    return false;
  }
  std::vector<double> g(n), k(n), aLimit(n);
  for (int64_t j = 0; j < n; ++j) {
    if (!(pop.decay[j] >= 0 && pop.decay[j] <= 1)) {
      error = "decay " + formatNumber(pop.decay[j]) + " of neuron " +
              std::to_string(j) +
              " is outside [0, 1]: loihi's voltage decay cannot express it";
      return false;
    }
    if (!(pop.vth[j] >= 0)) {
      error = "v_threshold " + formatNumber(pop.vth[j]) + " of neuron " +
              std::to_string(j) +
              " is negative: loihi's threshold mantissa is unsigned";
      return false;
    }
    loihi::NeuronParams &p = out.neurons[j];
    p.refractoryDelay = uint16_t(pop.refractory);
    p.dv = loihi::encodeDv(1.0 - pop.decay[j]);
    g[j] = pop.gain[j];
    aLimit[j] = double(aMaxHw);
    if (cuba) {
      if (!(pop.synDecay[j] > 0 && pop.synDecay[j] <= 1)) {
        error = "syn_decay " + formatNumber(pop.synDecay[j]) + " of neuron " +
                std::to_string(j) +
                " is outside (0, 1]: loihi's current decay cannot express it";
        return false;
      }
      p.du = loihi::encodeDu(1.0 - pop.synDecay[j]);
      g[j] *= pop.synGain[j];
      // |u| <= |a << 6| / ((du + 1) / 4096) must stay below 2^23.
      aLimit[j] = std::min(
          aLimit[j],
          double(int64_t(1) << (loihi::kStateBits - 1 - loihi::kActShift -
                                loihi::kDecayShift)) *
              (p.du + 1));
      k[j] = pop.bias[j];
    } else {
      p.du = loihi::encodeDu(1.0); // u' = a << 6: no current state
      k[j] = pop.gain[j] * pop.constant[j] + pop.bias[j];
    }
  }

  // Upper bounds on S.
  double sMax = double(loihi::kMaxUV); // the state range itself
  out.scaleBound = "24-bit membrane";
  auto bound = [&](double b, const std::string &why) {
    if (b < sMax) {
      sMax = b;
      out.scaleBound = why;
    }
  };
  double vthMaxF = *std::max_element(pop.vth.begin(), pop.vth.end());
  if (vthMaxF > 0)
    bound(double(vthMax) * double(int64_t(1) << vthShift) / vthMaxF,
          "threshold: v_threshold " + formatNumber(vthMaxF) + " in " +
              std::to_string(vthBits) + " bits");
  const double unit = double(int64_t(1) << inShift);
  for (const FloatTable &tab : pop.tables) {
    double m = 0;
    for (const Synapse &s : tab.syn)
      m = std::max(m, std::abs(g[s.post] * s.w));
    if (m > 0)
      bound(double(wMax) * std::ldexp(unit, int(eMax)) / m,
            "weights from '" + tab.source + "': |gain w| up to " +
                formatNumber(m) + " in " + std::to_string(wBits) +
                " bits at weight_exp " + std::to_string(eMax));
  }
  double kMax = 0;
  for (int64_t j = 0; j < n; ++j)
    kMax = std::max(kMax, std::abs(k[j]));
  if (kMax > 0)
    bound(double(bMax) * std::ldexp(1.0, int(biasExpMax)) / kMax,
          "bias: |gain b + bias| up to " + formatNumber(kMax));
  // The dendritic sum and the membrane floor: measured on sample inputs
  // (times the margin) when calibrated, else the worst case.
  const PopulationActivity *act = pop.activity;
  std::vector<double> sumAbs(n, 0.0);
  if (act) {
    for (int64_t j = 0; j < n; ++j)
      sumAbs[j] = pop.margin * std::abs(g[j]) *
                  std::max(std::abs(act->inMax[j] - pop.constant[j]),
                           std::abs(act->inMin[j] - pop.constant[j]));
  } else {
    for (const FloatTable &tab : pop.tables)
      for (const Synapse &s : tab.syn)
        sumAbs[s.post] += std::abs(g[s.post] * s.w);
  }
  for (int64_t j = 0; j < n; ++j)
    if (sumAbs[j] > 0)
      bound(aLimit[j] * unit / sumAbs[j],
            "dendritic sum: neuron " + std::to_string(j) + " has " +
                (act ? "measured input |gain x| (x margin) = "
                     : "worst-case input sum(|gain w|) = ") +
                formatNumber(sumAbs[j]) + ", limit " + formatNumber(aLimit[j]) +
                " x 64 state units");

  // The membrane saturates at -(2^23 - 1): keep the most negative value a
  // leaky neuron can reach, (sum of negative inputs) / (1 - decay), inside.
  // (A non-leaky neuron, decay = 1, has no such bound; see MODELS.md.)
  std::vector<double> negSum(n, 0.0), posSum(n, 0.0);
  for (const FloatTable &tab : pop.tables)
    for (const Synapse &s : tab.syn) {
      negSum[s.post] += std::min(0.0, g[s.post] * s.w);
      posSum[s.post] += std::max(0.0, g[s.post] * s.w);
    }
  // Sums through a synaptic current (cuba_lif, cuba_li) settle at
  // 1 / (1 - syn_decay) times a step's input: the bounds take that factor.
  if (cuba)
    for (int64_t j = 0; j < n; ++j)
      if (pop.synDecay[j] < 1) {
        negSum[j] /= 1 - pop.synDecay[j];
        posSum[j] /= 1 - pop.synDecay[j];
      }
  // A readout never fires, so its membrane also has a ceiling to keep:
  // (sum of positive inputs) / (1 - decay) below 2^23 - 1, where the leak
  // bounds it (an integrator's saturation is counted by the reference).
  if (readout)
    for (int64_t j = 0; j < n; ++j) {
      double ceiling = 0;
      if (act && !act->vMax.empty())
        ceiling = pop.margin * std::max(0.0, act->vMax[j]);
      else if (pop.decay[j] < 1)
        ceiling = (std::max(0.0, k[j]) + posSum[j]) / (1 - pop.decay[j]);
      if (ceiling > 0)
        bound(double(loihi::kMaxV) / ceiling,
              "membrane ceiling: readout neuron " + std::to_string(j) +
                  (act ? " was measured up to (x margin) " : " can reach ") +
                  formatNumber(ceiling));
    }
  for (int64_t j = 0; j < n; ++j) {
    double floor = 0;
    if (act && !act->vMin.empty())
      floor = pop.margin * std::min(0.0, act->vMin[j]);
    else if (pop.decay[j] < 1)
      floor = (std::min(0.0, k[j]) + negSum[j]) / (1 - pop.decay[j]);
    if (floor < 0)
      bound(double(loihi::kMaxV) / -floor,
            "membrane floor: neuron " + std::to_string(j) +
                (act ? " was measured down to (x margin) " : " can reach ") +
                formatNumber(floor));
  }

  // Lower S until the rounded integers fit, starting from the largest S at
  // which the weights are exact when they sit on a grid (small integers, as
  // hand-made and many exported networks have), else from the S that
  // resolves them best.
  const WeightGrid weightGrid{wMin, wMax, eMin, eMax, unit};
  std::vector<int64_t> exact = exactScales(pop.tables, g, sMax, weightGrid);
  int64_t resolving = 0;
  if (exact.empty()) {
    std::vector<double> tableMax;
    for (const FloatTable &tab : pop.tables)
      tableMax.push_back(largestScaledWeight(tab, g));
    resolving = int64_t(std::floor(
        alignScaleToWeightGrid(sMax, tableMax, unit, eMin, eMax, wMax)));
  }
  ScaleSteps steps(std::move(exact), resolving);
  int64_t S = steps.scale();
  for (int iter = 0;; ++iter) {
    if (S < 1) {
      error = "no integer scale fits loihi: " + out.scaleBound +
              " allows S <= " + formatNumber(sMax) + " < 1";
      return false;
    }
    out.tables.clear();
    bool fits = true;
    std::vector<double> aWorst(n, 0.0);
    for (const FloatTable &tab : pop.tables) {
      IntTable it;
      it.delay = cuba ? 1 : 0;
      // The smallest exponent at which every weight fits.
      int64_t e = eMin;
      for (; e <= eMax; ++e) {
        bool ok = true;
        for (const Synapse &s : tab.syn) {
          int64_t q =
              roundHalfAway(double(S) * g[s.post] * s.w / std::ldexp(unit, int(e)));
          if (q > wMax || q < wMin) {
            ok = false;
            break;
          }
        }
        if (ok)
          break;
      }
      if (e > eMax) {
        fits = false;
        break;
      }
      it.weightExp = e;
      it.offsets.assign(tab.preSize + 1, 0);
      const double lsb = std::ldexp(unit, int(e));
      // The exact values only when the rounding is balanced by rates.
      size_t m = tab.syn.size();
      std::vector<double> exact(tab.preRate.empty() ? 0 : m);
      it.targets.resize(m);
      it.weights.resize(m);
      for (size_t k = 0; k < m; ++k) {
        const Synapse &s = tab.syn[k];
        double x = double(S) * g[s.post] * s.w / lsb;
        if (!exact.empty())
          exact[k] = x;
        it.offsets[s.pre + 1]++;
        it.targets[k] = s.post;
        it.weights[k] = int32_t(roundHalfAway(x));
      }
      if (!tab.preRate.empty())
        balanceRounding(tab, exact, int32_t(wMin), int32_t(wMax), it.weights);
      for (size_t k = 0; k < tab.syn.size(); ++k)
        aWorst[tab.syn[k].post] +=
            std::abs(double(it.weights[k])) * std::ldexp(1.0, int(e));
      for (int64_t p = 0; p < tab.preSize; ++p)
        it.offsets[p + 1] += it.offsets[p];
      out.tables.push_back(std::move(it));
    }
    // Calibrated bounds were checked against measured sums above; the
    // worst case may exceed them (the quantized reference counts when).
    for (int64_t j = 0; fits && !act && j < n; ++j)
      if (aWorst[j] > aLimit[j])
        fits = false;
    if (fits)
      break;
    if (iter > 200) {
      error = "no integer scale fits loihi after rounding (last tried S = " +
              std::to_string(S) + ", bound: " + out.scaleBound + ")";
      return false;
    }
    steps.lower();
    S = steps.scale();
  }
  out.scale = S;

  // Threshold and bias.
  for (int64_t j = 0; j < n; ++j) {
    double exactV = double(S) * pop.vth[j];
    int64_t m = std::min<int64_t>(
        vthMax, roundHalfAway(exactV / double(int64_t(1) << vthShift)));
    out.neurons[j].vthMant = int32_t(m);
    if (exactV > 0)
      out.maxThresholdRelError =
          std::max(out.maxThresholdRelError,
                   std::abs(double(m << vthShift) - exactV) / exactV);
    double exactB = double(S) * k[j];
    int64_t e = 0, b = roundHalfAway(exactB);
    while ((b > bMax || b < bMin) && e < biasExpMax) {
      ++e;
      b = roundHalfAway(std::ldexp(exactB, -int(e)));
    }
    if (b > bMax || b < bMin) {
      error = "bias " + formatNumber(k[j]) + " of neuron " + std::to_string(j) +
              " does not fit " + std::to_string(biasMantBits) +
              " bits at exponent " + std::to_string(biasExpMax) +
              " with S = " + std::to_string(S);
      return false;
    }
    out.neurons[j].biasMant = int32_t(b);
    out.neurons[j].biasExp = int32_t(e);
    if (exactB != 0)
      out.maxBiasRelError =
          std::max(out.maxBiasRelError,
                   std::abs(std::ldexp(double(b), int(e)) - exactB) /
                       std::abs(exactB));
  }

  std::vector<double> scalePerPost(n);
  for (int64_t j = 0; j < n; ++j)
    scalePerPost[j] = double(S) * g[j];
  for (size_t ti = 0; ti < out.tables.size(); ++ti)
    measureWeightErrors(pop.tables[ti], out.tables[ti], scalePerPost,
                        std::ldexp(unit, int(out.tables[ti].weightExp)));
  return true;
}
} // namespace
