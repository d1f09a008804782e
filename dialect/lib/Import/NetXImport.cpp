//===- NetXImport.cpp - lava-dl netx HDF5 networks into the nc dialect ----===//
//
// lava-dl's netx format (lava/lib/dl/netx/hdf5.py) stores a feed-forward
// network as /layer/<i>/{type, shape, inFeatures, outFeatures, weight,
// neuron/{type, iDecay, vDecay, vThMant, refDelay, gradedSpike}}. Its CUBA
// neurons are Loihi compartments in Loihi's integers already, so the network
// goes straight into an nc.graph for the loihi target:
//   vth_mant = vThMant, du = iDecay - 1, dv = vDecay, no bias; refDelay is
//   not used by netx's LIF (a warning says it is ignored).
// netx's optimize_weight_bits shifts the integer weights left by scale_bits
// and sets weight_exponent = -scale_bits, so the dendritic sum is the plain
// sum of the stored weights: stored as w/2 with weight_exp 1 when all are
// even, else as w with weight_exp 0 when all fit 8 bits.
//
//===----------------------------------------------------------------------===//

#include "spikec/Import/Import.h"
#include "spikec/Import/HDF5Tree.h"
#include "spikec/Dialect/NC/NCDialect.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Target/Target.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace spikec;
using nlohmann::json;

namespace {

using Node = HDF5Group;
using Array = HDF5Array;

[[noreturn]] void fail(const std::string &message) { failTree(message); }

class NetXImporter {
public:
  NetXImporter(MLIRContext *ctx, StringRef path, const ImportOptions &options)
      : ctx(ctx), path(path.str()), options(options), builder(ctx) {}

  OwningOpRef<ModuleOp> run() {
    auto read = readHDF5Tree(path, options.hdf5CpuSeconds);
    if (auto *error = std::get_if<std::string>(&read))
      fail(*error);
    const json &file = std::get<json>(read);
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

    target::TargetOrError loaded = target::loadTarget("loihi");
    if (auto *error = std::get_if<std::string>(&loaded))
      fail("cannot load the loihi target: " + *error);
    const target::TargetDesc &desc = std::get<target::TargetDesc>(loaded);

    auto module = ModuleOp::create(fileLoc());
    builder.setInsertionPointToEnd(module.getBody());
    std::string name = llvm::sys::path::stem(path).str();
    for (char &c : name)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
        c = '_';
    auto graph = builder.create<nc::GraphOp>(fileLoc(), name, desc.name,
                                             desc.contentHashHex());
    builder.setInsertionPointToEnd(&graph.getBodyBlock());

    Value prev;
    int64_t prevSize = 0;
    for (auto &[index, key] : keys) {
      std::string where = "layer " + key;
      Node layer = layers.child(key, where);
      std::string type = layer.string("type");
      if (type != "dense")
        fail(where + ": netx layer type '" + type +
             "' is not supported yet");
      Node neuron = layer.child("neuron", where + " neuron");
      std::string ntype = neuron.string("type");
      if (ntype != "CUBA" && ntype != "LOIHI")
        fail(where + ": netx neuron type '" + ntype +
             "' is not supported yet");
      if (neuron.has("gradedSpike") &&
          neuron.children()["gradedSpike"]["kind"] == "numeric" &&
          neuron.integer("gradedSpike") != 0)
        fail(where + ": graded spikes are not supported yet");

      int64_t in = layer.integer("inFeatures");
      int64_t out = layer.integer("outFeatures");
      if (in <= 0 || out <= 0)
        fail(where + ": inFeatures and outFeatures must be > 0");
      if (!prev) {
        prev = builder.create<nc::InputOp>(nameLoc("input"), i32Tensor(in),
                                           "input", DictionaryAttr());
        prevSize = in;
      } else if (in != prevSize) {
        fail(where + ": inFeatures " + std::to_string(in) +
             " but the previous layer has " + std::to_string(prevSize) +
             " outputs");
      }

      Array w = layer.numeric("weight");
      if (w.shape.size() != 2 || w.shape[0] != out || w.shape[1] != in)
        fail(where + ": 'weight' must be (outFeatures, inFeatures) = (" +
             std::to_string(out) + ", " + std::to_string(in) + ")");
      bool allEven = true, fits8 = true;
      for (double v : w.values) {
        if (!(v == std::floor(v)) || std::fabs(v) > 1e9)
          fail(where + ": weight " + std::to_string(v) +
               " is not an integer (netx stores Loihi integer weights)");
        int64_t iv = static_cast<int64_t>(v);
        allEven &= iv % 2 == 0;
        fits8 &= iv >= -128 && iv <= 127;
      }
      int64_t exp = 0;
      if (allEven) {
        exp = 1;
        for (double v : w.values)
          if (v / 2 < -128 || v / 2 > 127)
            fail(where + ": weight " + std::to_string(int64_t(v)) +
                 " does not fit Loihi's 8-bit weights with exponent 1");
      } else if (!fits8) {
        fail(where + ": the weights have odd values and values outside "
                     "[-128, 127]: they do not fit Loihi's 8-bit weights");
      }
      // CSR by pre neuron j; weight[i][j] is post i, pre j.
      std::vector<int32_t> offsets{0}, targets, weights;
      for (int64_t j = 0; j < in; ++j) {
        for (int64_t i = 0; i < out; ++i) {
          int64_t v = static_cast<int64_t>(w.values[i * in + j]);
          if (v == 0)
            continue;
          targets.push_back(int32_t(i));
          weights.push_back(int32_t(v >> exp)); // exact: even when exp = 1
        }
        offsets.push_back(int32_t(targets.size()));
      }
      std::string base = "layer" + key;
      auto syn = builder.create<nc::SynapsesOp>(
          nameLoc(base + "/in"), i32Tensor(out), prev,
          snn::makeIndexBlob(ctx, base + "_offsets", offsets),
          snn::makeIndexBlob(ctx, base + "_targets", targets),
          snn::makeIndexBlob(ctx, base + "_weights", weights),
          builder.getI64IntegerAttr(8), builder.getI64IntegerAttr(exp),
          builder.getI64IntegerAttr(0));

      int64_t du = neuron.integer("iDecay") - 1;
      int64_t dv = neuron.integer("vDecay");
      int64_t vth = neuron.integer("vThMant");
      if (du < 0 || du > 4095)
        fail(where + ": iDecay " + std::to_string(du + 1) +
             " is outside [1, 4096]");
      if (dv < 0 || dv > 4095)
        fail(where + ": vDecay " + std::to_string(dv) +
             " is outside [0, 4095]");
      if (vth < 0 || vth > 131071)
        fail(where + ": vThMant " + std::to_string(vth) +
             " is outside [0, 131071]");
      if (neuron.has("refDelay"))
        emitWarning(nameLoc(base))
            << "refDelay is ignored: netx's CUBA neurons have no refractory "
               "period";
      NamedAttrList params;
      params.append("du", builder.getI64IntegerAttr(du));
      params.append("dv", builder.getI64IntegerAttr(dv));
      params.append("vth_mant", builder.getI64IntegerAttr(vth));
      params.append("bias_mant", builder.getI64IntegerAttr(0));
      params.append("bias_exp", builder.getI64IntegerAttr(0));
      params.append("refractory_delay", builder.getI64IntegerAttr(0));
      auto pop = builder.create<nc::PopulationOp>(
          nameLoc(base), i32Tensor(out), syn.getResult(), "loihi",
          params.getDictionary(ctx));
      prev = pop.getResult();
      prevSize = out;
    }
    builder.create<nc::OutputOp>(nameLoc("output"), prev, "output");
    return OwningOpRef<ModuleOp>(module);
  }

private:
  MLIRContext *ctx;
  std::string path;
  const ImportOptions &options;
  OpBuilder builder;

  Location fileLoc() { return FileLineColLoc::get(ctx, path, 0, 0); }
  Location nameLoc(const std::string &name) {
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc());
  }
  RankedTensorType i32Tensor(int64_t n) {
    return RankedTensorType::get({n}, IntegerType::get(ctx, 32));
  }
};

} // namespace

OwningOpRef<ModuleOp> spikec::importNetX(StringRef path, MLIRContext *ctx,
                                         const ImportOptions &options) {
  ctx->loadDialect<nc::NCDialect>();
  NetXImporter importer(ctx, path, options);
  OwningOpRef<ModuleOp> module;
  try {
    module = importer.run();
  } catch (const HDF5TreeError &e) {
    emitError(FileLineColLoc::get(ctx, path, 0, 0)) << e.message;
    return nullptr;
  } catch (const json::exception &e) {
    emitError(FileLineColLoc::get(ctx, path, 0, 0))
        << "malformed netx structure: " << e.what();
    return nullptr;
  }
  if (failed(verify(*module)))
    return nullptr;
  return module;
}
