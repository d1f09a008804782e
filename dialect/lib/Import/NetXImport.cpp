//===- NetXImport.cpp - lava-dl netx HDF5 networks into the nc dialect ----===//
//
// lava-dl's netx format (lava/lib/dl/netx/hdf5.py) stores a feed-forward
// network as /layer/<i>/{type, shape, ...}, layer i feeding layer i + 1.
// Its CUBA neurons are Loihi compartments in Loihi's integers already, so
// the network goes straight into an nc.graph for the loihi target, the way
// Lava's hdf5.Network builds it (blocks/process.py, Lava's LIF with
// PyLifModelBitAcc):
//   - neurons ('LOIHI' or 'CUBA'): vth_mant = vThMant, du = iDecay - 1,
//     dv = vDecay, bias_mant = the layer's 'bias' (per neuron, per channel
//     or one value), bias_exp = 6; refDelay is not used by Lava's LIF (a
//     warning says it is ignored);
//   - 'input' with a neuron: a population driven only by its bias (Lava's
//     Input block leaves its input port unconnected); the per-neuron bias is
//     the sample, given with ImportOptions::netxInputBias. Its 'weight' and
//     'bias' are Lava's `transform`, which Lava stores and never applies.
//     An 'input' without a neuron only gives the shape of the input spikes;
//   - 'conv' and 'pool': sparse synapse tables (correlation, as torch's
//     conv2d computes it on the file's weights; pool is slayer's sum pool,
//     one kernel for every channel); 'flatten': nothing, since neurons are
//     numbered in the file's (channel, y, x) order, the order Lava flattens
//     in; 'dense': a table per distinct synaptic delay, summed;
//   - every edge delivers one step later (Lava's Dense and Conv send the
//     previous step's sum), nc's hardware timing.
// Sigma-delta networks ('SDNN' neurons, graded spikes) go onto loihi2 as
// populations of model loihi2_sigma_delta (targets/loihi2, Lava's
// PySigmaDeltaModelFixed), built as hdf5.py get_neuron_params does: a
// SigmaDelta (ReLU, netx ignores 'activation'; vth = vThMant, the layer's
// bias) per layer, Lava's Sigma for a 'sigma_output' layer, spike_exp 6
// (hdf5.Network's default) and state_exp 6. The input layer's neuron is
// Lava's Delta, which Lava's tests drive through its a_in port with the
// sample every step; nc's timing would deliver an nc.input one step late,
// so the sample is the neuron's bias instead (--netx-input-bias): a UNIT
// sigma-delta with sigma 0 and bias x computes Delta's act = x * 2^12
// exactly, for a constant input, which is what Lava's tests replay. netx's
// synapses multiply the payloads (messageBits, 16 by default); Lava's conv
// synapse clamps its sum to 24 bits, which the model counts as an overflow
// instead (PilotNet never reaches it).
//
// netx's optimize_weight_bits shifts the integer weights left by scale_bits
// and sets weight_exponent = -scale_bits, so the dendritic sum is the plain
// sum of the stored weights: stored as w/2 with weight_exp 1 when all are
// even, else as w with weight_exp 0 when all fit 8 bits.
//
//
// Longer than 600 lines: one importer whose layer builders (input, dense,
// conv, pool, CUBA and sigma-delta populations) share the builder, the
// previous layer's value and shape, and the Lava conventions above; split
// across files they would pass that state around or expose the class.
//===----------------------------------------------------------------------===//

#include "TreeImporter.h"

#include "spikec/Dialect/NC/NCDialect.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/IO/SpikeFileIO.h"
#include "spikec/Import/Import.h"
#include "spikec/Support/ConvTaps.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Target/Target.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace mlir;
using namespace spikec;
using nlohmann::json;

namespace {

using Node = HDF5Group;
using Array = HDF5Array;

[[noreturn]] void fail(const std::string &message) { failTree(message); }

std::string str(int64_t v) { return formatNumber(v); }

std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + str(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// The number of elements of `shape`; -1 when a size is negative or the
/// product overflows int64 (a damaged file's shape).
int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(n, d, &n))
      return -1;
  return n;
}

/// An .npy file (io::readNpyArray: any numeric dtype, every value finite),
/// its problems prefixed by `what`.
io::NpyArray readNpy(const std::string &path, const std::string &what) {
  std::string why;
  auto a = io::readNpyArray(path, [&](const io::FileDiagnostic &d) {
    why = "'" + d.file.value_or(path) + "': " + d.message;
  });
  if (!a)
    fail(what + ": " + why);
  return std::move(*a);
}

/// A layer's output: its value and its (channel, y, x) shape.
struct Layer {
  Value value;
  std::vector<int64_t> chw;
  int64_t size() const { return product(chw); }
};

/// One synapse of a table being built, by pre neuron.
struct Synapse {
  int32_t pre, post, weight, delay;
};

/// netx's sigma-delta exponents: hdf5.Network's spike_exp default and the
/// state_exp every SDNN layer gets; a mantissa times 2^(their sum) must fit
/// the 24-bit state.
constexpr int64_t kSpikeExp = 6, kStateExp = 6, kSDNNExp = kSpikeExp + kStateExp;
constexpr int64_t kSDNNMantMax = (int64_t(1) << (23 - kSDNNExp)) - 1;

class NetXImporter {
public:
  NetXImporter(MLIRContext *ctx, StringRef path, const ImportOptions &options)
      : ctx(ctx), path(path.str()), options(options), builder(ctx) {}

  OwningOpRef<ModuleOp> run(const json &file) {
    Node root{&file, "the file"};
    if (!root.has("layer"))
      fail("no '/layer' group: not a lava-dl netx file");
    Node layers = root.child("layer", "'/layer'");

    // Layers are the groups "0", "1", ... in numeric order.
    std::vector<std::pair<int64_t, std::string>> keys;
    for (auto &[key, value] : layers.children().items()) {
      char *end = nullptr;
      long long i = std::strtoll(key.c_str(), &end, 10);
      if (key.empty() || *end || i < 0)
        fail("'/layer/" + key + "': expected layers named 0, 1, ...");
      keys.emplace_back(i, key);
    }
    std::sort(keys.begin(), keys.end());
    if (keys.empty())
      fail("'/layer' holds no layers");
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i].first != int64_t(i))
        fail("'/layer' has no layer " + std::to_string(i));

    // What needs another target is named before any shape is checked. A
    // network of sigma-delta neurons runs on loihi2, one of CUBA neurons on
    // loihi; one network has one target.
    std::string firstType, firstKey;
    for (auto &[index, key] : keys) {
      Node layer = layers.child(key, "layer " + key);
      if (!layer.has("neuron"))
        continue;
      Node neuron = layer.child("neuron", "layer " + key + " neuron");
      if (!neuron.isString("type"))
        continue;
      std::string type = neuron.string("type");
      if (type.find("RF") != std::string::npos)
        fail("layer " + key +
             ": resonate-and-fire neurons (netx neuron type '" + type +
             "') are not supported (no spikec model runs them)");
      if (firstType.empty()) {
        firstType = type;
        firstKey = key;
      } else if ((type == "SDNN") != (firstType == "SDNN")) {
        fail("layer " + key + ": neuron type '" + type + "' after layer " +
             firstKey + "'s '" + firstType +
             "': sigma-delta neurons (loihi2) and CUBA neurons (loihi) "
             "cannot share a network");
      }
    }
    sdnn = firstType == "SDNN";
    const char *targetName = sdnn ? "loihi2" : "loihi";
    if (sdnn && options.netxResetInterval)
      emitWarning(fileLoc())
          << "--netx-reset-interval is ignored: Lava's netx does not reset "
             "sigma-delta neurons (it warns and ignores reset_interval)";

    auto loaded = nc::getTargetCache(ctx).get(targetName);
    if (auto *error = std::get_if<std::string>(&loaded))
      fail(std::string("cannot load the ") + targetName +
           " target: " + *error);
    chip = std::get<nc::SharedTarget>(loaded);
    const target::TargetDesc &desc = *chip;

    // Owned from here: a failure below throws, and must not leak it.
    OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
    builder.setInsertionPointToEnd(module->getBody());
    std::string name = llvm::sys::path::stem(path).str();
    for (char &c : name)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
        c = '_';
    auto graph = builder.create<nc::GraphOp>(fileLoc(), name, desc.name,
                                             desc.contentHashHex());
    builder.setInsertionPointToEnd(&graph.getBodyBlock());

    std::optional<Layer> prev;
    bool flattened = false;
    for (auto &[index, key] : keys) {
      std::string where = "layer " + key;
      Node layer = layers.child(key, where);
      std::string type = layer.string("type");
      if (type == "input") {
        if (index != 0)
          fail(where + ": an 'input' layer must be layer 0");
        prev = input(layer, key, where);
      } else if (type == "flatten") {
        if (!prev)
          fail(where + ": a 'flatten' layer needs a layer before it");
        if (layer.has("shape")) {
          std::vector<int64_t> shape = intList(layer, "shape", where);
          if (product(shape) != prev->size())
            fail(where + ": 'shape' " + shapeString(shape) + " holds " +
                 str(product(shape)) + " values but the layer before has " +
                 str(prev->size()) + " neurons");
        }
        prev->chw = {prev->size(), 1, 1};
        flattened = true;
        continue;
      } else if (type == "conv" || type == "pool") {
        if (!prev)
          fail(where + ": a '" + type +
               "' layer needs the input's shape, which a netx file gives "
               "with an 'input' layer before it");
        if (flattened ||
            (prev->chw[1] == 1 && prev->chw[2] == 1 && prevWasDense))
          fail(where + ": a '" + type +
               "' layer cannot follow a dense or flatten layer");
        prev = convOrPool(layer, key, where, *prev, type == "pool");
        prevWasDense = false;
      } else if (type == "dense") {
        prev = dense(layer, key, where, prev, flattened);
        prevWasDense = true;
      } else if (type == "average") {
        fail(where + ": netx layer type 'average' (slayer's mean over groups "
                     "of neurons, a float readout without neurons) is not "
                     "supported: it has no Loihi integer form (Lava's netx "
                     "does not run it either)");
      } else {
        fail(where + ": netx layer type '" + type + "' is not supported");
      }
      flattened = false;
    }
    if (numPopulations == 0)
      fail("the network has no layer with neurons");
    builder.create<nc::OutputOp>(nameLoc("output"), prev->value, "output");
    return module;
  }

private:
  MLIRContext *ctx;
  std::string path;
  const ImportOptions &options;
  OpBuilder builder;
  /// The target, against which each layer's size is checked before
  /// anything of that size is allocated.
  nc::SharedTarget chip;

  /// Fails unless `n` neurons (or, for `isInput`, input elements, which
  /// take input axons) fit the whole target.
  void checkSize(int64_t n, bool isInput, const std::string &where) {
    using std::to_string;
    const int64_t cores = chip->mesh.cores.value;
    const int64_t perCore =
        isInput ? chip->core.inputAxons.value : chip->core.neurons.value;
    if (n > cores * perCore)
      fail(where + ": " + to_string(n) +
           (isInput ? " input elements" : " neurons") + " do not fit " +
           chip->name + " (" + to_string(cores) + " cores x " +
           to_string(perCore) + (isInput ? " input axons" : " neurons") +
           " = " + to_string(cores * perCore) + ")");
  }
  int64_t numPopulations = 0;
  bool prevWasDense = false;
  /// Sigma-delta network (loihi2) rather than CUBA (loihi).
  bool sdnn = false;

  Location fileLoc() { return FileLineColLoc::get(ctx, path, 0, 0); }
  Location nameLoc(const std::string &name) {
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc());
  }
  RankedTensorType i32Tensor(int64_t n) {
    return RankedTensorType::get({n}, IntegerType::get(ctx, 32));
  }

  /// A dataset of integers (any shape), as a list.
  std::vector<int64_t> intList(const Node &layer, const std::string &field,
                               const std::string &where) {
    Array a = layer.numeric(field);
    std::vector<int64_t> out;
    for (double v : a.values) {
      if (v != std::floor(v) || std::fabs(v) > 1e9)
        fail(where + ": '" + field + "' must hold integers");
      out.push_back(int64_t(v));
    }
    return out;
  }

  /// A (y, x) pair: one value for both, or two in the file's (y, x) order.
  std::pair<int64_t, int64_t> pairField(const Node &layer,
                                        const std::string &field,
                                        const std::string &where,
                                        int64_t fallback, int64_t min) {
    if (!layer.has(field)) {
      if (fallback < 0)
        fail(where + ": no '" + field + "'");
      return {fallback, fallback};
    }
    std::vector<int64_t> v = intList(layer, field, where);
    if (v.size() == 1)
      v.push_back(v[0]);
    if (v.size() != 2)
      fail(where + ": '" + field + "' must hold 1 or 2 values, got " +
           str(v.size()));
    if (v[0] < min || v[1] < min)
      fail(where + ": '" + field + "' must be >= " + str(min));
    return {v[0], v[1]};
  }

  /// The CUBA neuron of a layer with n neurons as Lava's LIF: du, dv,
  /// vth_mant, bias_mant (from `bias`, n values) and bias_exp = 6.
  Value population(const Node &layer, const std::string &key,
                   const std::string &where, Value in, int64_t n,
                   std::vector<int32_t> bias, bool isInput = false) {
    if (sdnn)
      return sigmaDelta(layer, key, where, in, n, std::move(bias), isInput);
    if (!layer.has("neuron"))
      fail(where + ": no 'neuron' group (netx's default neuron, an "
                   "integrator with iDecay 0, is outside Loihi's ranges)");
    Node neuron = layer.child("neuron", where + " neuron");
    std::string ntype = neuron.string("type");
    if (ntype != "CUBA" && ntype != "LOIHI")
      fail(where + ": netx neuron type '" + ntype + "' is not supported");
    if (neuron.has("gradedSpike") &&
        neuron.children()["gradedSpike"]["kind"] == "numeric" &&
        neuron.integer("gradedSpike") != 0)
      fail(where + ": neuron 'gradedSpike' is set: graded spikes from CUBA "
                   "neurons are not supported (spikec's graded spikes are "
                   "loihi2's sigma-delta neurons, netx type 'SDNN')");
    if (neuron.has("messageBits") && neuron.integer("messageBits") != 0)
      fail(where + ": neuron 'messageBits' is " +
           str(neuron.integer("messageBits")) +
           ": graded spikes from CUBA neurons are not supported (spikec's "
           "graded spikes are loihi2's sigma-delta neurons, netx type "
           "'SDNN')");
    int64_t iDecay = neuron.integer("iDecay");
    int64_t dv = neuron.integer("vDecay");
    int64_t vth = neuron.integer("vThMant");
    if (iDecay < 1 || iDecay > 4096)
      fail(where + ": neuron 'iDecay' " + str(iDecay) +
           " is outside [1, 4096]");
    if (dv < 0 || dv > 4095)
      fail(where + ": neuron 'vDecay' " + str(dv) + " is outside [0, 4095]");
    if (vth < 0 || vth > 131071)
      fail(where + ": neuron 'vThMant' " + str(vth) +
           " is outside [0, 131071]");
    std::string base = "layer" + key;
    if (neuron.has("refDelay"))
      emitWarning(nameLoc(base))
          << "refDelay is ignored: netx's CUBA neurons have no refractory "
             "period";
    NamedAttrList params;
    params.append("du", builder.getI64IntegerAttr(iDecay - 1));
    params.append("dv", builder.getI64IntegerAttr(dv));
    params.append("vth_mant", builder.getI64IntegerAttr(vth));
    bool uniform = std::all_of(bias.begin(), bias.end(),
                               [&](int32_t b) { return b == bias[0]; });
    if (bias.empty() || (uniform && bias[0] == 0)) {
      params.append("bias_mant", builder.getI64IntegerAttr(0));
      params.append("bias_exp", builder.getI64IntegerAttr(0));
    } else {
      if (uniform)
        params.append("bias_mant", builder.getI64IntegerAttr(bias[0]));
      else
        params.append("bias_mant",
                      snn::makeIndexBlob(ctx, base + "_bias", std::move(bias)));
      params.append("bias_exp", builder.getI64IntegerAttr(6));
    }
    params.append("refractory_delay", builder.getI64IntegerAttr(0));
    auto pop = builder.create<nc::PopulationOp>(
        nameLoc(base), i32Tensor(n), in, "loihi", params.getDictionary(ctx));
    if (int64_t period = options.netxResetInterval) {
      int64_t phase = (options.netxResetOffset + numPopulations) % period;
      pop.setStateResetAttr(builder.getDenseI64ArrayAttr({period, phase}));
    }
    ++numPopulations;
    return pop.getResult();
  }

  /// The SDNN neuron of a layer with n neurons as netx builds it
  /// (hdf5.py get_neuron_params): Lava's SigmaDelta (ReLU, Lava's default:
  /// netx does not read 'activation'), its Sigma for a 'sigma_output'
  /// layer, or for the input layer its Delta, which runs here as a UNIT
  /// sigma-delta on the sample as its bias (see the file comment); vth =
  /// vThMant and bias scaled by 2^(spike_exp + state_exp), spike_exp = 6
  /// (hdf5.Network's default), state_exp = 6.
  Value sigmaDelta(const Node &layer, const std::string &key,
                   const std::string &where, Value in, int64_t n,
                   std::vector<int32_t> bias, bool isInput) {
    if (!layer.has("neuron"))
      fail(where + ": no 'neuron' group (netx's default neuron is a CUBA "
                   "integrator, which a sigma-delta network cannot hold)");
    Node neuron = layer.child("neuron", where + " neuron");
    std::string ntype = neuron.string("type");
    if (ntype != "SDNN")
      fail(where + ": netx neuron type '" + ntype + "' is not supported");
    std::string base = "layer" + key;
    if (neuron.has("messageBits") && neuron.integer("messageBits") == 0)
      fail(where + ": neuron 'messageBits' is 0: netx then builds the next "
                   "layer's synapses for unary spikes (they read a graded "
                   "payload as 1), which spikec's graded synapses do not do");
    bool sigmaOnly = !isInput && neuron.has("sigma_output");
    int64_t vth = sigmaOnly ? 0 : neuron.integer("vThMant");
    if (vth < 0 || vth > kSDNNMantMax)
      fail(where + ": neuron 'vThMant' " + str(vth) + " is outside [0, " +
           str(kSDNNMantMax) + "] (vThMant * 2^" + str(kSDNNExp) +
           " must fit the 24-bit state)");
    if (sigmaOnly && !bias.empty())
      fail(where + ": a 'sigma_output' layer has a 'bias', which Lava's "
                   "Sigma process does not take");
    if (!isInput && !sigmaOnly && neuron.isString("activation") &&
        neuron.string("activation") != "relu")
      emitWarning(nameLoc(base))
          << "neuron 'activation' '" << neuron.string("activation")
          << "' is ignored: Lava's netx runs every SigmaDelta with ReLU";
    NamedAttrList params;
    params.append("vth_mant", builder.getI64IntegerAttr(vth));
    bool uniform = std::all_of(bias.begin(), bias.end(),
                               [&](int32_t b) { return b == bias[0]; });
    if (bias.empty() || uniform)
      params.append("bias_mant",
                    builder.getI64IntegerAttr(bias.empty() ? 0 : bias[0]));
    else
      params.append("bias_mant",
                    snn::makeIndexBlob(ctx, base + "_bias", std::move(bias)));
    params.append("spike_exp",
                  builder.getI64IntegerAttr(sigmaOnly ? 0 : kSpikeExp));
    params.append("state_exp",
                  builder.getI64IntegerAttr(sigmaOnly ? 0 : kStateExp));
    params.append("relu", builder.getI64IntegerAttr(!isInput && !sigmaOnly));
    params.append("cum_error", builder.getI64IntegerAttr(0));
    params.append("delta", builder.getI64IntegerAttr(!sigmaOnly));
    auto pop = builder.create<nc::PopulationOp>(nameLoc(base), i32Tensor(n),
                                                in, "loihi2_sigma_delta",
                                                params.getDictionary(ctx));
    ++numPopulations;
    return pop.getResult();
  }

  /// Bias mantissas: Loihi's 13-bit signed integers, or for sigma-delta
  /// neurons what fits the 24-bit state once scaled by 2^12.
  int32_t biasValue(double v, const std::string &where,
                    const std::string &what) {
    if (v != std::floor(v))
      fail(where + ": " + what + " " + formatNumber(v) +
           " is not an integer (netx stores Loihi's bias mantissas)");
    if (sdnn) {
      if (std::fabs(v) > kSDNNMantMax)
        fail(where + ": " + what + " " + formatNumber(v) + " is outside [-" +
             str(kSDNNMantMax) + ", " + str(kSDNNMantMax) + "] (its value * 2^" +
             str(kSDNNExp) + " must fit the 24-bit sigma-delta state)");
      return int32_t(v);
    }
    if (v < -4096 || v > 4095)
      fail(where + ": " + what + " " + formatNumber(v) +
           " is outside Loihi's bias mantissa range [-4096, 4095]");
    return int32_t(v);
  }

  /// A layer's 'bias' for n neurons in `channels` channels: one value, one
  /// per channel or one per neuron. Empty when there is none.
  std::vector<int32_t> layerBias(const Node &layer, const std::string &where,
                                 int64_t n, int64_t channels) {
    if (!layer.has("bias"))
      return {};
    Array b = layer.numeric("bias");
    std::vector<int32_t> out(n);
    int64_t m = int64_t(b.values.size());
    if (m != 1 && m != channels && m != n)
      fail(where + ": 'bias' has " + str(m) + " values; expected 1, " +
           str(channels) + " (one per channel) or " + str(n) +
           " (one per neuron)");
    for (int64_t i = 0; i < n; ++i) {
      double v = m == 1   ? b.values[0]
                 : m == n ? b.values[i]
                          : b.values[i / (n / channels)];
      out[i] = biasValue(v, where, "bias");
    }
    return out;
  }

  Layer input(const Node &layer, const std::string &key,
              const std::string &where) {
    std::vector<int64_t> shape = intList(layer, "shape", where);
    // Lava's neurons have the file's shape reversed: (x, y, channel), or
    // (n,) for a flat input.
    std::vector<int64_t> lavaShape(shape.rbegin(), shape.rend());
    if (shape.size() == 1) // n channels of 1 x 1
      shape = {shape[0], 1, 1};
    else if (shape.size() == 2) // (height, width), one channel
      shape.insert(shape.begin(), 1);
    if (shape.size() != 3 ||
        llvm::any_of(shape, [](int64_t d) { return d <= 0; }))
      fail(where + ": 'shape' must be (channels, height, width) with "
                   "positive sizes");
    int64_t n = product(shape);
    if (n < 0)
      fail(where + ": 'shape' " + shapeString(shape) +
           " has more elements than an int64 counts");
    // With a neuron the layer is a population (its input port unused).
    checkSize(n, /*isInput=*/!layer.has("neuron"), where);
    Value in = builder.create<nc::InputOp>(nameLoc("input"), i32Tensor(n),
                                           "input", DictionaryAttr(),
                                           DenseI64ArrayAttr());
    if (!layer.has("neuron")) {
      if (!options.netxInputBias.empty())
        fail(where + ": the input layer has no neuron, so "
                     "--netx-input-bias has nothing to set");
      return {in, shape};
    }
    // Lava's Input block leaves its input port unconnected: the layer runs
    // on its bias alone. An empty table keeps the input's rows (which only
    // give the number of steps) from reaching it.
    std::string base = "layer" + key;
    std::vector<int32_t> offsets(n + 1, 0);
    auto syn = builder.create<nc::SynapsesOp>(
        nameLoc(base + "/in"), i32Tensor(n), in,
        snn::makeIndexBlob(ctx, base + "_offsets", std::move(offsets)),
        snn::makeIndexBlob(ctx, base + "_targets", std::vector<int32_t>{}),
        snn::makeIndexBlob(ctx, base + "_weights", std::vector<int32_t>{}),
        builder.getI64IntegerAttr(8), builder.getI64IntegerAttr(0));
    std::vector<int32_t> bias;
    if (options.netxInputBias.empty()) {
      emitWarning(nameLoc(base))
          << "the input layer runs on its per-neuron bias alone (Lava's "
             "Input block does not connect its input port) and none is "
             "given: it never fires; give the sample with --netx-input-bias";
    } else {
      std::string what = where + " (--netx-input-bias)";
      io::NpyArray a = readNpy(options.netxInputBias, what);
      // Lava's (x, y, channel) order, as bias_mant of the input neuron.
      const std::vector<int64_t> &want = lavaShape;
      if (a.shape != want)
        fail(what + ": '" + options.netxInputBias + "' has shape " +
             shapeString(a.shape) +
             "; the input layer (channels, height, "
             "width) " +
             shapeString(shape) +
             " needs Lava's (x, y, "
             "channel) order " +
             shapeString(want));
      bias.resize(n);
      for (int64_t c = 0; c < shape[0]; ++c)
        for (int64_t y = 0; y < shape[1]; ++y)
          for (int64_t x = 0; x < shape[2]; ++x)
            bias[(c * shape[1] + y) * shape[2] + x] = biasValue(
                a.values[(x * shape[1] + y) * shape[0] + c], what, "bias");
    }
    Value out = population(layer, key, where, syn.getResult(), n,
                           std::move(bias), /*isInput=*/true);
    return {out, shape};
  }

  /// The stored weights (halved when all are even) and their exponent.
  std::pair<std::vector<int32_t>, int64_t>
  storeWeights(const std::vector<Synapse> &syns, const std::string &where) {
    bool allEven = true;
    for (const Synapse &s : syns)
      allEven &= s.weight % 2 == 0;
    int64_t exp = allEven && !syns.empty() ? 1 : 0;
    std::vector<int32_t> w;
    w.reserve(syns.size());
    for (const Synapse &s : syns) {
      int32_t v = s.weight >> exp; // exact: even when exp = 1
      if (v < -128 || v > 127)
        fail(where + ": weight " + str(s.weight) +
             (exp ? " does not fit Loihi's 8-bit weights with exponent 1"
                  : " does not fit Loihi's 8-bit weights (and the weights "
                    "are not all even)"));
      w.push_back(v);
    }
    return {std::move(w), exp};
  }

  /// One synapse table per distinct delay (nc.sum when several), CSR by
  /// pre neuron.
  Value tables(std::vector<Synapse> syns, const std::string &key,
               const std::string &where, Value in, int64_t pre, int64_t post) {
    std::string base = "layer" + key;
    auto [weights, exp] = storeWeights(syns, where);
    for (size_t k = 0; k < syns.size(); ++k)
      syns[k].weight = weights[k];
    std::map<int32_t, std::vector<Synapse>> byDelay;
    for (const Synapse &s : syns)
      byDelay[s.delay].push_back(s);
    if (byDelay.empty())
      byDelay[0];
    SmallVector<Value> sums;
    for (auto &[delay, group] : byDelay) {
      std::stable_sort(
          group.begin(), group.end(),
          [](const Synapse &a, const Synapse &b) { return a.pre < b.pre; });
      std::vector<int32_t> offsets(pre + 1, 0), targets, w;
      targets.reserve(group.size());
      w.reserve(group.size());
      for (const Synapse &s : group) {
        ++offsets[s.pre + 1];
        targets.push_back(s.post);
        w.push_back(s.weight);
      }
      for (int64_t p = 0; p < pre; ++p)
        offsets[p + 1] += offsets[p];
      std::string name = byDelay.size() == 1 ? base : base + "_d" + str(delay);
      auto syn = builder.create<nc::SynapsesOp>(
          nameLoc(byDelay.size() == 1 ? base + "/in"
                                      : base + "/in_d" + str(delay)),
          i32Tensor(post), in,
          snn::makeIndexBlob(ctx, name + "_offsets", std::move(offsets)),
          snn::makeIndexBlob(ctx, name + "_targets", std::move(targets)),
          snn::makeIndexBlob(ctx, name + "_weights", std::move(w)),
          builder.getI64IntegerAttr(8), builder.getI64IntegerAttr(exp),
          builder.getI64IntegerAttr(delay));
      sums.push_back(syn.getResult());
    }
    if (sums.size() == 1)
      return sums[0];
    return builder
        .create<nc::SumOp>(nameLoc(base + "/sum"), i32Tensor(post), sums)
        .getResult();
  }

  int32_t weightValue(double v, const std::string &where) {
    if (v != std::floor(v) || std::fabs(v) > 1e9)
      fail(where + ": weight " + formatNumber(v) +
           " is not an integer (netx stores Loihi integer weights)");
    return int32_t(v);
  }

  Layer convOrPool(const Node &layer, const std::string &key,
                   const std::string &where, const Layer &in, bool pool) {
    int64_t cin = in.chw[0], h = in.chw[1], w = in.chw[2];
    std::vector<int64_t> shape = intList(layer, "shape", where);
    if (shape.size() != 3)
      fail(where + ": 'shape' must be (channels, height, width), got " +
           shapeString(shape));
    auto [sy, sx] = pairField(layer, "stride", where, 1, 1);
    auto [py, px] = pairField(layer, "padding", where, 0, 0);
    auto [dy, dx] = pairField(layer, "dilation", where, 1, 1);
    if (layer.has("delay"))
      fail(where + ": 'delay' on a " + std::string(pool ? "pool" : "conv") +
           " layer is not supported (Lava's netx does not run it)");
    Array weight = layer.numeric("weight");
    int64_t cout, groups = 1, kh, kw;
    if (pool) {
      auto k = pairField(layer, "kernelSize", where, -1, 1);
      kh = k.first;
      kw = k.second;
      cout = cin;
      if (int64_t(weight.values.size()) != kh * kw)
        fail(where + ": 'weight' of a pool layer must hold kernelSize " +
             str(kh) + " x " + str(kw) + " values, got " +
             str(weight.values.size()));
    } else {
      std::vector<int64_t> ws = weight.shape;
      if (ws.size() == 5 && ws[4] == 1)
        ws.pop_back();
      if (ws.size() != 4)
        fail(where +
             ": 'weight' must be (out channels, in channels / "
             "groups, kernel height, kernel width), got " +
             shapeString(weight.shape));
      cout = ws[0];
      kh = ws[2];
      kw = ws[3];
      if (layer.has("groups"))
        groups = layer.integer("groups");
      if (groups < 1 || cin % groups || cout % groups)
        fail(where + ": 'groups' " + str(groups) + " must divide the " +
             str(cin) + " input and " + str(cout) + " output channels");
      if (ws[1] * groups != cin)
        fail(where + ": 'weight' " + shapeString(weight.shape) + " has " +
             str(ws[1]) +
             " input channels per group, but the layer before "
             "has " +
             str(cin) + " channels (groups " + str(groups) + ")");
      if (layer.has("kernelSize")) {
        auto k = pairField(layer, "kernelSize", where, -1, 1);
        if (k.first != kh || k.second != kw)
          fail(where + ": 'kernelSize' (" + str(k.first) + ", " +
               str(k.second) + ") differs from the weight's kernel (" +
               str(kh) + ", " + str(kw) + ")");
      }
      for (const char *f : {"inChannels", "outChannels"})
        if (layer.has(f)) {
          int64_t v = layer.integer(f);
          int64_t want = std::string(f) == "inChannels" ? cin : cout;
          if (v != want)
            fail(where + ": '" + f + "' " + str(v) +
                 " but the weights and "
                 "the layer before give " +
                 str(want));
        }
    }
    int64_t ho = (h + 2 * py - dy * (kh - 1) - 1) / sy + 1;
    int64_t wo = (w + 2 * px - dx * (kw - 1) - 1) / sx + 1;
    if (h + 2 * py - dy * (kh - 1) - 1 < 0 ||
        w + 2 * px - dx * (kw - 1) - 1 < 0)
      fail(where + ": the kernel does not fit the " + str(h) + " x " + str(w) +
           " input");
    if (shape != std::vector<int64_t>{cout, ho, wo})
      fail(where + ": 'shape' " + shapeString(shape) + " but a " +
           std::string(pool ? "pool" : "conv") + " of the layer before " +
           shapeString(in.chw) + " gives " + shapeString({cout, ho, wo}));
    // A pool is a per-channel convolution whose every channel has the
    // layer's one kernel.
    ConvGeometry g{cin, h, w, cout, ho, wo, kh, kw, sy, sx, py,
                   px, dy, dx, pool ? cin : groups};
    checkSize(product({cout, ho, wo}), /*isInput=*/false, where);
    std::vector<Synapse> syns;
    forEachConvTap(
        g,
        [&](int64_t k) {
          return weightValue(weight.values[pool ? k % (kh * kw) : k], where);
        },
        [&](int32_t wt, int64_t from, int64_t to) {
          syns.push_back({int32_t(from), int32_t(to), wt, 0});
        });
    int64_t n = cout * ho * wo;
    Value sum = tables(std::move(syns), key, where, in.value, in.size(), n);
    Value out =
        population(layer, key, where, sum, n, layerBias(layer, where, n, cout));
    return {out, {cout, ho, wo}};
  }

  Layer dense(const Node &layer, const std::string &key,
              const std::string &where, std::optional<Layer> &prev,
              bool flattened) {
    int64_t in = layer.integer("inFeatures");
    int64_t out = layer.integer("outFeatures");
    if (in <= 0 || out <= 0)
      fail(where + ": 'inFeatures' and 'outFeatures' must be > 0");
    checkSize(out, /*isInput=*/false, where);
    if (!prev) {
      checkSize(in, /*isInput=*/true, where);
      Value x = builder.create<nc::InputOp>(nameLoc("input"), i32Tensor(in),
                                            "input", DictionaryAttr(),
                                           DenseI64ArrayAttr());
      prev = Layer{x, {in, 1, 1}};
    } else if (in != prev->size()) {
      fail(where + ": 'inFeatures' " + str(in) + " but the layer before has " +
           str(prev->size()) + " neurons");
    } else if (!flattened && (prev->chw[1] != 1 || prev->chw[2] != 1)) {
      fail(where + ": a dense layer after a layer of shape " +
           shapeString(prev->chw) + " needs a 'flatten' layer between them");
    }
    if (layer.has("shape") && product(intList(layer, "shape", where)) != out)
      fail(where + ": 'shape' holds " +
           str(product(intList(layer, "shape", where))) +
           " neurons but 'outFeatures' is " + str(out));
    if (layer.has("weight_rec"))
      fail(where + ": recurrent weights ('weight_rec') are not supported");
    if (!layer.isString("weight") && layer.has("weight") &&
        layer.children()["weight"]["kind"] == "group")
      fail(where + ": complex weights ('weight/real', 'weight/imag') are "
                   "not supported");
    Array w = layer.numeric("weight");
    if (int64_t(w.values.size()) != out * in ||
        !(w.shape.size() == 1 ||
          (w.shape.size() == 2 && w.shape[0] == out && w.shape[1] == in)))
      fail(where + ": 'weight' must be (outFeatures, inFeatures) = (" +
           str(out) + ", " + str(in) + "), got " + shapeString(w.shape));
    // Delays as netx reads them: one, one per post neuron, one per pre
    // neuron or one per synapse; clamped to 62 with a warning, as Lava does.
    std::vector<int32_t> delay(out * in, 0);
    if (layer.has("delay")) {
      Array d = layer.numeric("delay");
      int64_t m = int64_t(d.values.size());
      bool clamped = false;
      for (int64_t i = 0; i < out; ++i)
        for (int64_t j = 0; j < in; ++j) {
          double v = m == 1          ? d.values[0]
                     : m == out * in ? d.values[i * in + j]
                     : m == out      ? d.values[i]
                     : m == in       ? d.values[j]
                                     : -1e300;
          if (v == -1e300)
            fail(where + ": 'delay' " + shapeString(d.shape) +
                 " fits neither one value, outFeatures " + str(out) +
                 ", inFeatures " + str(in) + " nor the weights");
          if (v != std::floor(v) || v < 0)
            fail(where + ": 'delay' " + formatNumber(v) +
                 " is not a non-negative integer");
          if (v > 62) {
            v = 62;
            clamped = true;
          }
          delay[i * in + j] = int32_t(v);
        }
      if (clamped)
        emitWarning(nameLoc("layer" + key))
            << "delays above 62 are clamped to 62, as Lava's netx does";
    }
    std::vector<Synapse> syns;
    for (int64_t i = 0; i < out; ++i)
      for (int64_t j = 0; j < in; ++j) {
        int32_t v = weightValue(w.values[i * in + j], where);
        if (v != 0)
          syns.push_back({int32_t(j), int32_t(i), v, delay[i * in + j]});
      }
    Value sum = tables(std::move(syns), key, where, prev->value, in, out);
    Value o = population(layer, key, where, sum, out,
                         layerBias(layer, where, out, out));
    return {o, {out, 1, 1}};
  }
};

} // namespace

OwningOpRef<ModuleOp> spikec::importNetXTree(const json &tree, StringRef path,
                                            MLIRContext *ctx,
                                            const ImportOptions &options) {
  ctx->loadDialect<nc::NCDialect>();
  NetXImporter importer(ctx, path, options);
  OwningOpRef<ModuleOp> module = runTreeImporter(
      tree, path, ctx, "netx", [&] { return importer.run(tree); });
  if (!module)
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}
