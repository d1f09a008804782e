//===- QuantizeAkida.cpp - float populations to akida layers --------------===//
//
// The numeric half of snn-quantize for akida (targets/MODELS.md, "Quantizing
// for akida"). An akida layer keeps no state across frames (one frame = one
// timestep): a population maps exactly only when the snn neuron is
// memoryless per step (lif with decay = 0: a 1-bit activation, a spike when
// the weighted sum crosses the threshold). A rate-coded IF layer maps to a
// multi-bit quantized ReLU of its per-step drive, an approximation marked on
// the population for nc-legalize-akida to allow or refuse.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"
#include "QuantizeScale.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Target/AkidaModel.h"
#include "spikec/Target/AkidaParams.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace mlir;
using namespace spikec;
using namespace spikec::quant;
using namespace spikec::snn;

namespace {

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &s : items)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string joinedBits(const std::vector<int64_t> &bits) {
  std::vector<std::string> s;
  for (int64_t b : bits)
    s.push_back(std::to_string(b));
  return joined(s);
}

/// A precision's allowed widths: its list, else its one width.
std::vector<int64_t> widths(const std::optional<target::SIntList> &allowed,
                            const target::SInt &bits) {
  return allowed ? allowed->value : std::vector<int64_t>{bits.value};
}

/// The layer kind (targets/README.md) of a projection op; "" for ops that
/// only fold into a neighbour's weights (scale, flatten, add).
std::string layerKindOf(Operation *op) {
  if (isa<AffineOp, LinearOp>(op))
    return "dense";
  if (isa<SparseOp>(op))
    return "sparse";
  if (isa<Conv1dOp>(op))
    return "conv1d";
  if (auto c = dyn_cast<Conv2dOp>(op)) {
    int64_t groups = int64_t(c.getGroups());
    int64_t channels =
        cast<RankedTensorType>(c.getInput().getType()).getShape()[0];
    if (groups == 1)
      return "conv2d";
    // Depthwise: the first half of Akida's SeparableConv2D.
    return groups == channels ? "separable_conv2d" : "grouped conv2d";
  }
  if (isa<SumPool2dOp>(op))
    return "sum_pool2d";
  if (isa<AvgPool2dOp>(op))
    return "avg_pool2d";
  return "";
}

/// How a source's events are worth in the snn network: events of `bits`
/// bits, each unit standing for `unit` of the value the snn ops read.
struct SourceScale {
  int64_t bits = 1;
  double unit = 1.0;
  bool fromHost = false; ///< an input or its encoder
};

class AkidaBackend : public Backend {
public:
  using Backend::Backend;

  bool listsModel(const FloatPopulation &) override {
    return target.supportsNeuronModel("akida");
  }

  /// Rate, latency and delta give 1-bit events; a direct encoder the 8-bit
  /// input of the first layer. nc-legalize-akida checks the event widths
  /// (and refuses delta off-spikes, which are negative).
  std::string checkEncoder(Operation *) override { return ""; }

  std::string checkPopulation(const FloatPopulation &pop) override;
  std::string quantize(const FloatPopulation &pop,
                       IntPopulation &out) override;

private:
  std::string checkLayerKinds(const FloatPopulation &pop);
  std::string sourceScale(const FloatTable &t, SourceScale &s);

  /// Populations quantized so far: what their events are worth downstream.
  llvm::DenseMap<Operation *, SourceScale> quantized;
};
} // namespace

std::unique_ptr<Backend>
spikec::quant::makeAkidaBackend(const target::TargetDesc &t) {
  return std::make_unique<AkidaBackend>(t);
}

std::string AkidaBackend::checkPopulation(const FloatPopulation &pop) {
  const std::string stateless =
      target.name + " layers keep no state across frames";
  // A readout is the final layer's potential (no activation), exact for an
  // li without leak: v = gain x + bias, the frame's own sum.
  if (pop.kind == "cuba_li" || pop.kind == "integrator")
    return target.name +
           " reads a final layer's potential, which holds one "
           "frame; " +
           pop.kind + " carries its " +
           (pop.kind == "cuba_li" ? "current and membrane" : "membrane") +
           " across frames: " + stateless +
           " (an li readout with decay = 0 is exact)";
  if (pop.kind == "li") {
    for (int64_t j = 0; j < pop.size; ++j)
      if (pop.decay[j] != 0)
        return "decay " + formatNumber(pop.decay[j]) + " (neuron " +
               std::to_string(j) +
               ") carries the membrane to the next frame: " + stateless +
               " (an li readout, the final layer's potential, is exact only "
               "with decay = 0)";
    return checkLayerKinds(pop);
  }
  if (pop.kind != "lif" && pop.kind != "if")
    return target.name + " runs stateless layers (lif with decay = 0, or if "
                         "layers under --approx=" +
           akida::kRateToActivation + "); " + pop.kind +
           " is neither";
  if (pop.timingPre)
    return "timing pre (spike from the previous membrane) delays the output "
           "a frame; " +
           target.name + "'s activation is the frame's own";
  if (pop.refractory > 0)
    return "refractory = " + std::to_string(pop.refractory) +
           " steps: " + stateless;
  if (pop.kind == "lif") {
    for (int64_t j = 0; j < pop.size; ++j)
      if (pop.decay[j] != 0)
        return "decay " + formatNumber(pop.decay[j]) + " (neuron " +
               std::to_string(j) +
               ") carries the membrane to the next step: " + stateless +
               " (lif is exact only with decay = 0)";
  } else if (pop.reset != "subtract") {
    return "reset '" + pop.reset + "': an if layer runs on " + target.name +
           " only as the rate approximation " + akida::kRateToActivation +
           ", which needs reset by subtraction";
  }
  return checkLayerKinds(pop);
}

/// Every projection op between the population and its spike sources must
/// be a layer kind the target lists.
std::string AkidaBackend::checkLayerKinds(const FloatPopulation &pop) {
  std::vector<Operation *> work{pop.op->getOperand(0).getDefiningOp()};
  llvm::SmallPtrSet<Operation *, 8> seen;
  bool anyLayer = false;
  while (!work.empty()) {
    Operation *op = work.back();
    work.pop_back();
    if (!op || !seen.insert(op).second || isa<InputOp>(op) ||
        isa<NeuronOpInterface>(op))
      continue;
    std::string kind = layerKindOf(op);
    if (!kind.empty()) {
      anyLayer = true;
      if (!target.supportsLayerKind(kind))
        return "its input " + describeOp(op) + " is a " + kind +
               " layer, which " + target.name + " does not list (" +
               joined(target.layerKinds) + ")";
    }
    for (Value v : op->getOperands())
      work.push_back(v.getDefiningOp());
  }
  if (!anyLayer && !target.supportsLayerKind("sparse"))
    return "its input is a one-to-one connection (layer kind sparse), which " +
           target.name + " does not list (" + joined(target.layerKinds) + ")";
  return "";
}

std::string AkidaBackend::sourceScale(const FloatTable &t, SourceScale &s) {
  Operation *src = t.sourceOp;
  if (isa_and_nonnull<EncodeDirectOp>(src)) {
    s = {8, 1.0, true};
    return "";
  }
  if (isa_and_nonnull<InputOp, EncodeRateOp, EncodeLatencyOp, EncodeDeltaOp>(
          src)) {
    s = {1, 1.0, true};
    return "";
  }
  auto it = quantized.find(src);
  if (it == quantized.end())
    return "reads " + (src ? describeOp(src) : "'" + t.source + "'") +
           " before it is computed: " + target.name +
           " layers are feed-forward";
  s = it->second;
  return "";
}

std::string AkidaBackend::quantize(const FloatPopulation &pop,
                                   IntPopulation &out) {
  const int64_t n = pop.size;
  const bool approx = pop.kind == "if";
  const bool readout = pop.isReadout();
  const auto &prec = target.precision;
  for (const FloatTable &t : pop.tables)
    if (t.sourceOp && isa<LIOp>(t.sourceOp))
      return "its input comes from " + describeOp(t.sourceOp) +
             ", a readout: " + target.name +
             " outputs a final layer's potential to the host, not to "
             "another layer";

  // Sources: the worth of one unit of each table's events.
  std::vector<SourceScale> scales(pop.tables.size());
  bool inputLayer = true;
  for (size_t t = 0; t < pop.tables.size(); ++t) {
    std::string why = sourceScale(pop.tables[t], scales[t]);
    if (!why.empty())
      return why;
    inputLayer &= scales[t].fromHost;
  }

  // Activation width: 1 bit (a spike) for an exact layer.
  int64_t outBits = 1;
  if (approx)
    outBits = options.activationBits
                  ? options.activationBits
                  : (prec.activation ? prec.activation->bits.value : 4);
  std::vector<int64_t> actAllowed;
  if (prec.activation)
    actAllowed = widths(prec.activation->allowedBits, prec.activation->bits);
  if (!readout && (!akida::isOutputBits(unsigned(outBits)) ||
                   std::find(actAllowed.begin(), actAllowed.end(), outBits) ==
                       actAllowed.end()))
    return std::to_string(outBits) + "-bit activations are not among " +
           target.name + "'s activation widths (" + joinedBits(actAllowed) +
           ")";
  const double levels = double(fxp::maxUnsigned(unsigned(outBits))); // M

  // Weight widths to try, smallest first.
  const std::vector<int64_t> allowed =
      widths(prec.weight.allowedBits, prec.weight.bits);
  std::vector<int64_t> candidates;
  auto usable = [&](int64_t b, std::string &why) {
    if (std::find(allowed.begin(), allowed.end(), b) == allowed.end()) {
      why = "weight-bits=" + std::to_string(b) + " is not among " +
            target.name + "'s weight widths (" + joinedBits(allowed) + ")";
      return false;
    }
    if (b == 1) {
      why = "1-bit weights ({-1, +1}) are not supported: nc.synapses stores "
            "two's-complement widths, whose 1-bit range is [-1, 0]";
      return false;
    }
    if (!akida::weightBitsAllowedIn(unsigned(b), inputLayer)) {
      why = "8-bit weights are for the input layer only (fed by the host); "
            "this layer reads other layers";
      return false;
    }
    return true;
  };
  std::string why;
  if (options.weightBits) {
    if (!usable(options.weightBits, why))
      return why;
    candidates.push_back(options.weightBits);
  } else {
    for (int64_t b : allowed)
      if (usable(b, why))
        candidates.push_back(b);
    if (candidates.empty())
      return "no weight width of " + target.name + " (" + joinedBits(allowed) +
             ") is usable for this layer";
  }

  // Per neuron: the constant drive k = gain c + bias and the threshold.
  std::vector<double> k(n);
  for (int64_t j = 0; j < n; ++j) {
    k[j] = pop.gain[j] * pop.constant[j] + pop.bias[j];
    if (approx && !(pop.vth[j] > 0))
      return "v_threshold " + formatNumber(pop.vth[j]) + " (neuron " +
             std::to_string(j) +
             ") is not positive: the rate of an if layer is drive / "
             "threshold";
  }
  const double vthMin = approx ? *std::min_element(pop.vth.begin(),
                                                   pop.vth.end())
                               : 0;
  // The largest |gain w unit| over every table: what the widest weight is.
  double maxAbs = 0;
  for (size_t t = 0; t < pop.tables.size(); ++t)
    for (const Synapse &s : pop.tables[t].syn)
      maxAbs = std::max(maxAbs,
                        std::abs(pop.gain[s.post] * s.w * scales[t].unit));
  if (maxAbs == 0)
    return "every synaptic weight is zero";

  // For each width, smallest first: sigma (float potential per integer
  // LSB) and the weight error; stop at the first within the bound.
  // (A width whose sigma would need a step below 1 cannot hold the rate
  // approximation and is skipped.)
  int64_t wBits = 0;
  double sigma = 0, error = 0;
  int64_t stepRef = 1;
  nlohmann::json tried = nlohmann::json::object();
  for (int64_t b : candidates) {
    const double wMax = double(akida::maxWeight(unsigned(b)));
    double s = maxAbs / wMax;
    int64_t ref = 1;
    if (approx) {
      // An integer step for the smallest threshold: step = vth / (M sigma).
      // Raising sigma to vth / (M floor(vth / (M sigma0))) keeps every
      // weight within wMax and moves the step's rounding into the weights.
      ref = int64_t(std::floor(vthMin / (levels * s)));
      if (ref < 1) {
        tried[std::to_string(b)] = nullptr;
        continue;
      }
      s = vthMin / (levels * double(ref));
    }
    double sq = 0;
    int64_t count = 0;
    for (size_t t = 0; t < pop.tables.size(); ++t)
      for (const Synapse &syn : pop.tables[t].syn) {
        double exact = pop.gain[syn.post] * syn.w * scales[t].unit;
        double q = std::round(exact / s);
        sq += (q * s - exact) * (q * s - exact);
        ++count;
      }
    double e = std::sqrt(sq / double(std::max<int64_t>(count, 1))) / maxAbs;
    tried[std::to_string(b)] = e;
    wBits = b;
    sigma = s;
    error = e;
    stepRef = ref;
    if (e <= options.maxWeightError)
      break;
  }

  if (!wBits)
    return "no weight width holds the rate approximation: the largest "
           "|gain w| " +
           formatNumber(maxAbs) + " is " +
           formatNumber(maxAbs * levels / vthMin) +
           " activation steps (threshold " + formatNumber(vthMin) + " / " +
           formatNumber(levels) + "), more than " +
           std::to_string(akida::maxWeight(unsigned(candidates.back()))) +
           " at " + std::to_string(candidates.back()) + " bits";

  // Neuron parameters.
  std::vector<int32_t> offset(n), step(n), bits(n, int32_t(outBits));
  for (int64_t j = 0; j < n; ++j) {
    double o;
    if (readout) {
      // The potential plus the offset, in units of sigma: v = sigma (acc +
      // offset) up to the rounding of k / sigma.
      step[j] = 1;
      o = std::round(k[j] / sigma);
    } else if (approx) {
      // out = round(M (sigma acc + k) / vth) = floor((acc + k / sigma +
      // step / 2) / step) with step = vth / (M sigma); acc and step are
      // integers, so the offset may be floored.
      double st = std::round(pop.vth[j] / (levels * sigma));
      step[j] = int32_t(std::min(st, double(INT32_MAX)));
      o = std::floor(k[j] / sigma + double(step[j]) / 2);
    } else {
      // A spike when sigma acc + k > vth, i.e. acc >= floor((vth - k) /
      // sigma) + 1: with step 1, 1 bit, out = 1 iff acc + offset >= 1.
      step[j] = 1;
      o = -std::floor((pop.vth[j] - k[j]) / sigma);
    }
    if (!(o >= double(INT32_MIN) && o <= double(INT32_MAX)))
      return "threshold offset " + formatNumber(o) + " of neuron " +
             std::to_string(j) + " does not fit int32 (scale " +
             formatNumber(sigma) + ")";
    offset[j] = int32_t(o);
  }

  // Tables, CSR by pre, in the float tables' order.
  for (size_t t = 0; t < pop.tables.size(); ++t) {
    const FloatTable &ft = pop.tables[t];
    IntTable &it = out.tables.emplace_back();
    it.weightBits = wBits;
    it.offsets.assign(ft.preSize + 1, 0);
    for (const Synapse &s : ft.syn) {
      double exact = pop.gain[s.post] * s.w * scales[t].unit;
      it.offsets[s.pre + 1]++;
      it.targets.push_back(s.post);
      it.weights.push_back(int32_t(std::round(exact / sigma)));
    }
    for (int64_t p = 0; p < ft.preSize; ++p)
      it.offsets[p + 1] += it.offsets[p];
    std::vector<double> scalePerPost(n);
    for (int64_t j = 0; j < n; ++j)
      scalePerPost[j] = pop.gain[j] * scales[t].unit;
    measureWeightErrors(ft, it, scalePerPost, sigma);
  }

  quantized[pop.op] = {outBits, approx ? 1.0 / levels : 1.0, false};
  std::vector<akida::NeuronParams> neurons(n);
  for (int64_t j = 0; j < n; ++j)
    neurons[j] = {offset[j], step[j], unsigned(bits[j])};
  out.model = readout ? "akida_readout" : "akida";
  out.params = akida::toNamedValues(neurons, readout);
  if (approx)
    out.approximation = akida::kRateToActivation;

  auto range = [](const std::vector<int32_t> &v) -> nlohmann::json {
    auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    if (*lo == *hi)
      return int64_t(*lo);
    return nlohmann::json::array({int64_t(*lo), int64_t(*hi)});
  };
  int64_t inBits = 1;
  for (const SourceScale &s : scales)
    inBits = std::max(inBits, s.bits);
  out.report = {{"mapping", approx    ? std::string(akida::kRateToActivation)
                            : readout ? std::string("readout (potential)")
                                      : std::string("exact")},
                {"weight_bits", wBits},
                {"scale", sigma},
                {"weight_error", error},
                {"weight_error_by_bits", std::move(tried)},
                {"input_bits", inBits},
                {"activation_bits", outBits},
                {"step", range(step)},
                {"threshold_offset", range(offset)}};
  if (approx)
    out.report.push_back({"step_reference", stepRef});
  return "";
}
