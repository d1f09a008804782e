//===- NIRImport.cpp - NIR HDF5 files into the snn dialect ----------------===//
//
// NIR (neuromorphs/NIR) stores a graph as HDF5 groups: /node holds a NIRGraph
// with nodes/<key>/ (one dataset per parameter, `type` naming the kind) and an
// (E, 2) string array of edges. Nested NIRGraph nodes are imported inline with
// their keys prefixed ("lif1.lif"); edges into a nested graph feed its Input
// node and edges out of it leave its Output node. Every op carries its node
// key as a NameLoc so that later diagnostics name the NIR node. An edge may
// name one of several Input/Output nodes of a nested graph as
// "graph.key"; a root graph with no Input/Output nodes of its own (one whose
// only node is a nested graph) takes its nested graphs' unconnected ones.
//
//
// Longer than 600 lines: one importer whose node builders share the graph's
// port tables, the placeholder sums of recurrent edges and the nested
// graphs' prefixes, and the field conventions of NIR's versions.
//===----------------------------------------------------------------------===//

#include "TreeImporter.h"

#include "spikec/Import/Import.h"
#include "spikec/Dialect/SNN/InferShapes.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"


#include <cmath>
#include <map>
#include <cstring>

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &message) { failTree(message); }

using Array = HDF5Array;

/// One group of a NIR file (a node or a graph): its full key (nested graphs'
/// prefixes included) and NIR kind name it in errors.
struct Node : HDF5Group {
  std::string key;
  std::string type;

  Node(const json *tree, std::string key, std::string type = "")
      : HDF5Group(tree, describe(key, type)), key(std::move(key)),
        type(std::move(type)) {}

  static std::string describe(const std::string &key,
                              const std::string &type) {
    if (key.empty())
      return "the root graph";
    return "node '" + key + "'" + (type.empty() ? "" : " (" + type + ")");
  }

  void setType(std::string kind) {
    type = std::move(kind);
    place = describe(key, type);
  }

  Node child(const std::string &name, const std::string &childKey) const {
    return Node(&field(name, "group"), childKey);
  }

  /// The field that holds `name`: itself, or the name NIR 0.0.x gave it
  /// ("weights"; "theta" in 0.0.1 and "v_th" in 0.0.2-0.0.3 for the
  /// threshold).
  std::string resolve(const std::string &name) const {
    static const std::map<std::string, std::vector<std::string>> aliases = {
        {"weight", {"weights"}}, {"v_threshold", {"v_th", "theta"}}};
    if (HDF5Group::has(name))
      return name;
    if (auto it = aliases.find(name); it != aliases.end())
      for (const std::string &old : it->second)
        if (HDF5Group::has(old))
          return old;
    return name;
  }
  bool has(const std::string &name) const {
    return HDF5Group::has(resolve(name));
  }
  Array numeric(const std::string &name) const {
    return HDF5Group::numeric(resolve(name));
  }

  using HDF5Group::integer;
  int64_t integer(const std::string &name, int64_t fallback) const {
    return has(name) ? integer(name) : fallback;
  }

  /// An integer or a per-dimension list of `dims` integers.
  SmallVector<int64_t> ints(const std::string &name, size_t dims,
                            int64_t fallback) const {
    if (!has(name))
      return SmallVector<int64_t>(dims, fallback);
    Array a = numeric(name);
    if (a.size() != 1 && a.size() != static_cast<int64_t>(dims))
      fail(where() + ": '" + name + "' needs 1 or " + std::to_string(dims) +
           " values, got " + std::to_string(a.size()));
    SmallVector<int64_t> out;
    for (double v : a.values) {
      // Converting a double out of int64's range is undefined behaviour.
      if (v != std::floor(v) || std::fabs(v) > 1e15)
        fail(where() + ": '" + name + "' holds " + formatNumber(v) +
             ", not an integer");
      out.push_back(static_cast<int64_t>(v));
    }
    if (out.size() == 1)
      out.assign(dims, out[0]);
    return out;
  }

  /// The (E, 2) edge list of a graph node.
  std::vector<std::pair<std::string, std::string>> edges() const {
    std::vector<std::pair<std::string, std::string>> out;
    // NIR 0.0.x wrote edges as node indices, and named nodes "0", "1", ...;
    // h5py writes an empty edge list (a graph whose only node is a nested
    // graph) as a float array of shape (0,).
    if (HDF5Group::has("edges") && !isString("edges")) {
      Array a = numeric("edges");
      if (a.values.empty())
        return out;
      if (a.shape.size() != 2 || a.shape[1] != 2)
        fail(where() + ": 'edges' must be an (E, 2) array");
      for (size_t i = 0; i + 1 < a.values.size(); i += 2) {
        double from = a.values[i], to = a.values[i + 1];
        if (!(from >= 0 && to >= 0 && from < 1e15 && to < 1e15) ||
            from != std::floor(from) || to != std::floor(to))
          fail(where() + ": 'edges' holds a node index that is not a whole "
                         "number >= 0 (" +
               formatNumber(!(from >= 0 && from < 1e15) ||
                                    from != std::floor(from)
                                ? from
                                : to) +
               ")");
        out.emplace_back(std::to_string(int64_t(from)),
                         std::to_string(int64_t(to)));
      }
      return out;
    }
    const json &f = field("edges", "string");
    const json &values = f["values"];
    if (values.empty())
      return out;
    const json &shape = f["shape"];
    if (shape.size() != 2 || shape[1] != 2)
      fail(where() + ": 'edges' must be an (E, 2) array");
    for (size_t i = 0; i + 1 < values.size(); i += 2)
      out.emplace_back(values[i].get<std::string>(),
                       values[i + 1].get<std::string>());
    return out;
  }
};

/// Where edges of one graph attach to a node: `sink` collects what flows in
/// (a placeholder sum, null for a graph input), `out` is what flows out.
struct Port {
  Operation *sink = nullptr;
  Value out;
};

/// The ports a nested graph shows its parent: its Input nodes (sinks) and
/// its Output nodes (values), by key, in file order.
struct GraphPorts {
  std::vector<std::pair<std::string, Port>> inputs, outputs;
};

class NIRImporter {
public:
  NIRImporter(MLIRContext *ctx, StringRef path, const ImportOptions &options)
      : ctx(ctx), path(path.str()), options(options), builder(ctx) {}

  OwningOpRef<ModuleOp> run(const json &file) {
    Node root{&file, "", ""};
    checkVersion(root);
    Node graph = root;
    if (!root.has("node") && root.has("nodes") && root.has("edges")) {
      // NIR 0.0.1-0.0.5: the graph's nodes and edges at the file's root.
      emitWarning(fileLoc())
          << "NIR 0.0.x layout (/nodes and /edges at the root, no "
             "/version): read with 0.0.x's names ('weights', 'v_th', "
             "'theta'; a Linear with a bias is an Affine)";
      legacy = true;
    } else {
      if (!root.has("node"))
        fail("no '/node' group: not a NIR file");
      graph = root.child("node", "");
      graph.setType(graph.has("type") ? graph.string("type") : "");
      if (graph.type != "NIRGraph")
        fail("'/node' has type '" + graph.type + "', expected 'NIRGraph'");
    }

    // Owned from here: a failure below throws, and must not leak it.
    OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
    builder.setInsertionPointToEnd(module->getBody());
    std::string name = llvm::sys::path::stem(path).str();
    auto net = builder.create<NetworkOp>(fileLoc(), sanitize(name));
    builder.setInsertionPointToEnd(&net.getBodyBlock());
    importGraph(graph, "", /*root=*/true);
    resolveSums();
    warnLowGain();
    return module;
  }

private:
  MLIRContext *ctx;
  std::string path;
  const ImportOptions &options;
  OpBuilder builder;
  /// Placeholder sums with the values that flow into them.
  std::vector<std::pair<AddOp, SmallVector<Value>>> sums;
  /// Nested graphs' Input and Output nodes, for a root that has none.
  std::vector<std::tuple<std::string, Operation *, SmallVector<int64_t>>>
      nestedInputs;
  std::vector<std::pair<std::string, Operation *>> nestedOutputs;
  /// Values some edge reads.
  llvm::DenseSet<Value> used;
  bool hasRootInput = false, hasRootOutput = false;
  /// A NIR 0.0.x file (see run()).
  bool legacy = false;
  /// IF nodes whose gain looks per-step (see checkIntegratorGain).
  std::vector<std::string> lowGain;
  std::string lowGainExample;

  Location fileLoc() { return FileLineColLoc::get(ctx, path, 0, 0); }
  Location nodeLoc(const std::string &key) {
    return NameLoc::get(StringAttr::get(ctx, key), fileLoc());
  }

  static std::string sanitize(std::string s) {
    for (char &c : s)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
        c = '_';
    return s.empty() ? "network" : s;
  }

  void checkVersion(const Node &root) {
    if (!root.has("version") && !root.has("node") && root.has("nodes"))
      return; // NIR 0.0.x, which had no version field (see run())
    if (!root.has("version")) {
      emitWarning(fileLoc(), "no '/version': assuming NIR 0.2");
      return;
    }
    std::string v = root.string("version");
    int major = -1, minor = -1;
    if (sscanf(v.c_str(), "%d.%d", &major, &minor) != 2 ||
        !(major == 0 || (major == 1 && minor == 0)))
      fail("unsupported NIR format version '" + v +
           "' (0.1.x to 1.0.x are read)");
  }

  Type unknownType() { return UnrankedTensorType::get(builder.getF32Type()); }
  Type tensorType(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }

  /// A placeholder sum of everything that will flow into a node.
  AddOp newSink(const std::string &key) {
    // Named apart from the node itself, so probes and diagnostics that name
    // the node find the node and not its input sum.
    auto add = builder.create<AddOp>(nodeLoc(key + "/sum"), unknownType(),
                                     ValueRange{});
    sums.push_back({add, {}});
    return add;
  }

  Attribute param(const Node &n, const std::string &field, double scale = 1) {
    Array a = n.numeric(field);
    std::vector<float> values;
    for (double v : a.values)
      values.push_back(static_cast<float>(v * scale));
    return makeParam(ctx, n.key + "." + field, a.shape, values);
  }
  Attribute optionalParam(const Node &n, const std::string &field,
                          double scale = 1) {
    return n.has(field) ? param(n, field, scale) : Attribute();
  }

  DenseF32ResourceElementsAttr weight(const Node &n, const std::string &field,
                                      size_t rank) {
    Array a = n.numeric(field);
    if (a.shape.size() != rank)
      fail(n.where() + ": '" + field + "' must have " + std::to_string(rank) +
           " dimensions, got " + std::to_string(a.shape.size()));
    std::vector<float> values(a.values.begin(), a.values.end());
    return makeWeight(ctx, n.key + "." + field, a.shape, values);
  }

  /// Time constants in seconds, from the exporter's convention.
  double timeScale() const { return options.nirDiscrete ? options.dt : 1.0; }

  void checkTau(const Node &n, const std::string &field) {
    if (options.nirDiscrete || !n.has(field))
      return;
    for (double tau : n.numeric(field).values) {
      if (tau / options.dt > 1e4) {
        emitWarning(nodeLoc(n.key))
            << "'" << field << "' / dt = " << tau / options.dt
            << " at dt = " << options.dt
            << " s; if the exporter wrote time constants in steps, import "
               "with the discrete convention (--nir-discrete)";
        return;
      }
      // tau = dt makes a memoryless neuron (decay 1 - dt/tau = 0), which
      // akida requires; a file that means it but stores an f32 tau for a dt
      // that is no f32 (the default 1e-4 s) misses it by a rounding step.
      if (tau != options.dt && std::abs(tau / options.dt - 1) < 0x1p-22) {
        emitWarning(nodeLoc(n.key))
            << "'" << field << "' = " << formatNumber(tau, 9)
            << " s differs from dt = " << formatNumber(options.dt, 9)
            << " s by f32 rounding only: decay = 1 - dt/" << field << " = "
            << formatNumber(1 - options.dt / tau, 3)
            << ", not 0; for a memoryless neuron import with --dt="
            << formatNumber(tau, 17);
        return;
      }
    }
  }

  /// IF has no time constant to betray a discrete-time file, but its gain
  /// does: a unit input moves v by r dt, and an exporter that means v += r x
  /// per step (Sinabs) writes r = 1, which at dt = 1e-4 s needs 10^4 unit
  /// inputs to cross a threshold of 1.
  void checkIntegratorGain(const Node &n) {
    if (options.nirDiscrete || !n.has("v_threshold"))
      return;
    Array r = n.numeric("r"), threshold = n.numeric("v_threshold");
    double maxStep = 0, maxThreshold = 0;
    for (double v : r.values)
      maxStep = std::max(maxStep, std::abs(v) * options.dt);
    for (double v : threshold.values)
      maxThreshold = std::max(maxThreshold, std::abs(v));
    if (maxThreshold > 0 && maxStep > 0 && maxStep < 1e-3 * maxThreshold) {
      if (lowGain.empty())
        lowGainExample = "r * dt = " + formatNumber(maxStep) +
                         " against a threshold of " +
                         formatNumber(maxThreshold);
      lowGain.push_back(n.key);
    }
  }

  /// One warning for all the IF nodes checkIntegratorGain found.
  void warnLowGain() {
    if (lowGain.empty())
      return;
    std::string names;
    for (size_t i = 0; i < lowGain.size() && i < 4; ++i)
      names += (i ? ", '" : "'") + lowGain[i] + "'";
    if (lowGain.size() > 4)
      names += " and " + std::to_string(lowGain.size() - 4) + " more";
    emitWarning(fileLoc())
        << "IF node" << (lowGain.size() > 1 ? "s " : " ") << names
        << ": a unit input moves the membrane by " << lowGainExample
        << " at dt = " << formatNumber(options.dt)
        << " s; if the exporter wrote a per-step gain (discrete-time NIR, as "
           "Sinabs does), import with --nir-discrete";
  }

  void spikeAttrs(const Node &n, OperationState &state) {
    if (n.has("v_reset") && !options.nirSubtractReset) {
      // Legal, but a neuron that resets above its threshold fires on every
      // step after its first spike: usually swapped fields. A neuron that
      // resets by subtraction does not use v_reset.
      Array reset = n.numeric("v_reset"), threshold = n.numeric("v_threshold");
      for (int64_t i = 0, e = std::max(reset.size(), threshold.size()); i < e;
           ++i) {
        double r = reset.values[reset.size() == 1 ? 0 : i % reset.size()];
        double t =
            threshold.values[threshold.size() == 1 ? 0 : i % threshold.size()];
        if (r > t) {
          emitWarning(nodeLoc(n.key))
              << "v_reset " << formatNumber(r) << " is above v_threshold "
              << formatNumber(t) << " (neuron " << i
              << "): the neuron fires on every step after its first spike";
          break;
        }
      }
    }
    state.addAttribute("v_threshold", param(n, "v_threshold"));
    if (Attribute reset = optionalParam(n, "v_reset"))
      state.addAttribute("v_reset", reset);
    if (options.nirSubtractReset)
      state.addAttribute("reset",
                         ResetModeAttr::get(ctx, ResetMode::Subtract));
  }

  /// Builds the op of one non-graph node fed by `in`.
  Value buildNode(const Node &n, Value in) {
    Location loc = nodeLoc(n.key);
    const std::string &t = n.type;
    double ts = timeScale();
    if (t == "Affine" || t == "Linear") {
      auto w = weight(n, "weight", 2);
      Type result = tensorType({w.getType().getDimSize(0)});
      // NIR 0.0.x's Linear carried a bias: today's Affine.
      if (t == "Linear" && !(legacy && n.has("bias")))
        return builder.create<LinearOp>(loc, result, in, w);
      DenseF32ResourceElementsAttr b;
      if (n.has("bias"))
        b = weight(n, "bias", 1);
      return builder.create<AffineOp>(loc, result, in, w, b);
    }
    if (t == "Scale")
      return builder.create<ScaleOp>(loc, unknownType(), in,
                                     param(n, "scale"));
    if (t == "Threshold")
      return builder.create<ThresholdOp>(loc, unknownType(), in,
                                         param(n, "threshold"));
    if (t == "Conv1d" || t == "Conv2d")
      return buildConv(n, in, t == "Conv1d" ? 1 : 2);
    if (t == "SumPool2d" || t == "AvgPool2d") {
      auto k = builder.getDenseI64ArrayAttr(n.ints("kernel_size", 2, 1));
      auto s = builder.getDenseI64ArrayAttr(
          n.has("stride") ? n.ints("stride", 2, 1)
                          : n.ints("kernel_size", 2, 1));
      auto p = builder.getDenseI64ArrayAttr(n.ints("padding", 2, 0));
      if (t == "SumPool2d")
        return builder.create<SumPool2dOp>(loc, unknownType(), in, k, s, p);
      return builder.create<AvgPool2dOp>(loc, unknownType(), in, k, s, p);
    }
    if (t == "Flatten")
      return builder.create<FlattenOp>(loc, unknownType(), in,
                                       n.integer("start_dim", 1),
                                       n.integer("end_dim", -1));
    if (t == "Delay") {
      auto op = builder.create<DelayOp>(loc, unknownType(), in);
      op.setDelayAttr(param(n, "delay", ts));
      return op;
    }

    // Populations: build generically so that optional fields stay absent.
    OperationState state(loc, populationName(n));
    state.addOperands(in);
    state.addTypes(unknownType());
    if (t == "I" || t == "IF") {
      if (t == "IF")
        checkIntegratorGain(n);
      state.addAttribute("r", param(n, "r", 1.0 / ts));
      if (t == "IF")
        spikeAttrs(n, state);
    } else if (t == "LI" || t == "LIF") {
      checkTau(n, "tau");
      state.addAttribute("tau", param(n, "tau", ts));
      state.addAttribute("r", param(n, "r"));
      state.addAttribute("v_leak", param(n, "v_leak"));
      if (t == "LIF")
        spikeAttrs(n, state);
    } else if (t == "CubaLI" || t == "CubaLIF") {
      checkTau(n, "tau_mem");
      checkTau(n, "tau_syn");
      state.addAttribute("tau_syn", param(n, "tau_syn", ts));
      state.addAttribute("tau", param(n, "tau_mem", ts));
      state.addAttribute("r", param(n, "r"));
      state.addAttribute("v_leak", param(n, "v_leak"));
      state.addAttribute("w_in", param(n, "w_in"));
      if (t == "CubaLIF")
        spikeAttrs(n, state);
    }
    return builder.create(state)->getResult(0);
  }

  std::string populationName(const Node &n) {
    static const llvm::StringMap<std::string> names = {
        {"I", "snn.integrator"}, {"IF", "snn.if"},
        {"LI", "snn.li"},        {"LIF", "snn.lif"},
        {"CubaLI", "snn.cuba_li"}, {"CubaLIF", "snn.cuba_lif"}};
    auto it = names.find(n.type);
    if (it == names.end())
      fail(n.where() + ": unknown node type '" + n.type + "'");
    return it->second;
  }

  Value buildConv(const Node &n, Value in, size_t dims) {
    auto w = weight(n, "weight", dims + 2);
    DenseF32ResourceElementsAttr b;
    if (n.has("bias"))
      b = weight(n, "bias", 1);
    SmallVector<int64_t> stride = n.ints("stride", dims, 1);
    SmallVector<int64_t> dilation = n.ints("dilation", dims, 1);
    SmallVector<int64_t> padding;
    if (n.isString("padding")) {
      std::string mode = n.string("padding");
      for (size_t d = 0; d < dims; ++d) {
        int64_t k = w.getType().getDimSize(d + 2);
        int64_t span = dilation[d] * (k - 1);
        if (mode == "valid")
          padding.push_back(0);
        else if (mode == "same" && span % 2 == 0 && stride[d] == 1)
          padding.push_back(span / 2);
        else
          fail(n.where() + ": padding '" + mode +
               "' is not supported here (only 'valid', and 'same' with "
               "stride 1 and an odd kernel span)");
      }
    } else {
      padding = n.ints("padding", dims, 0);
    }
    int64_t groups = n.integer("groups", 1);
    Location loc = nodeLoc(n.key);
    auto s = builder.getDenseI64ArrayAttr(stride);
    auto p = builder.getDenseI64ArrayAttr(padding);
    auto d = builder.getDenseI64ArrayAttr(dilation);
    auto g = builder.getI64IntegerAttr(groups);
    if (dims == 1)
      return builder.create<Conv1dOp>(loc, unknownType(), in, w, b, s, p, d, g);
    return builder.create<Conv2dOp>(loc, unknownType(), in, w, b, s, p, d, g);
  }

  /// Imports one NIRGraph's nodes and edges. Returns the graph's Input and
  /// Output ports, which the parent's edges attach to.
  GraphPorts importGraph(const Node &graph, const std::string &prefix,
                         bool root) {
    llvm::StringMap<Port> ports;
    llvm::StringMap<GraphPorts> subgraphs;
    std::vector<std::string> keys;
    GraphPorts self;
    if (!graph.has("nodes"))
      fail(graph.where() + ": missing 'nodes'");
    Node nodes = graph.child("nodes", graph.key);
    // Inputs first, so that the IR reads from its inputs down.
    std::vector<std::string> order, rest;
    for (const auto &item : nodes.children().items())
      if (item.value()["kind"] == "group") {
        Node probe = nodes.child(item.key(), prefix + item.key());
        bool input = probe.isString("type") && probe.string("type") == "Input";
        (input ? order : rest).push_back(item.key());
      }
    order.insert(order.end(), rest.begin(), rest.end());
    for (const std::string &key : order) {
      Node n = nodes.child(key, prefix + key);
      if (!n.has("type"))
        fail(n.where() + ": missing 'type'");
      n.setType(n.string("type"));
      keys.push_back(key);
      Port port;
      if (n.type == "Input") {
        if (root) {
          port.out = builder.create<InputOp>(
              nodeLoc(n.key), tensorType(inputShape(n, /*required=*/true)),
              n.key);
          hasRootInput = true;
        } else {
          AddOp sink = newSink(n.key);
          port.sink = sink;
          port.out = sink;
          self.inputs.push_back({key, port});
          nestedInputs.push_back({n.key, sink, inputShape(n, false)});
        }
      } else if (n.type == "Output") {
        AddOp sink = newSink(n.key);
        port.sink = sink;
        if (root) {
          builder.create<OutputOp>(nodeLoc(n.key), sink, n.key);
          hasRootOutput = true;
        } else {
          self.outputs.push_back({key, {nullptr, sink}});
          nestedOutputs.push_back({n.key, sink});
        }
      } else if (n.type == "NIRGraph") {
        subgraphs[key] = importGraph(n, n.key + ".", /*root=*/false);
        continue;
      } else {
        AddOp sink = newSink(n.key);
        port.sink = sink;
        port.out = buildNode(n, sink);
      }
      ports[key] = port;
    }
    auto edges = graph.edges();
    repairEdgeNames(graph, edges, keys);
    for (auto [i, edge] : llvm::enumerate(edges)) {
      std::string where = graph.where() + ": edge " + std::to_string(i) +
                          " ('" + edge.first + "' -> '" + edge.second + "')";
      Port from = resolve(ports, subgraphs, edge.first, /*into=*/false, where);
      Port to = resolve(ports, subgraphs, edge.second, /*into=*/true, where);
      if (!from.out)
        fail(where + ": '" + edge.first + "' has no output");
      if (!to.sink)
        fail(where + ": '" + edge.second + "' takes no input");
      used.insert(from.out);
      for (auto &s : sums)
        if (s.first == to.sink)
          s.second.push_back(from.out);
    }
    if (root)
      exposeNestedPorts(graph);
    return self;
  }

  /// The port an edge end names: a node of this graph; a nested graph with
  /// one Input (edge into it) or one Output (edge out of it); or, as NIR
  /// writes it for a nested graph with several, 'graph.<Input/Output key>'.
  Port resolve(const llvm::StringMap<Port> &ports,
               const llvm::StringMap<GraphPorts> &subgraphs,
               const std::string &name, bool into, const std::string &where) {
    if (auto it = ports.find(name); it != ports.end())
      return it->second;
    const char *kind = into ? "Input" : "Output";
    auto portNames = [](const auto &list) {
      std::string s;
      for (const auto &[key, port] : list)
        s += (s.empty() ? "'" : ", '") + key + "'";
      return s.empty() ? std::string("none") : s;
    };
    if (auto it = subgraphs.find(name); it != subgraphs.end()) {
      const auto &list = into ? it->second.inputs : it->second.outputs;
      if (list.size() == 1)
        return list.front().second;
      fail(where + ": nested graph '" + name + "' has " +
           std::to_string(list.size()) + " " + kind + " nodes (" +
           portNames(list) + "); name one as '" + name + ".<key>'");
    }
    for (size_t dot = name.find('.'); dot != std::string::npos;
         dot = name.find('.', dot + 1)) {
      auto it = subgraphs.find(name.substr(0, dot));
      if (it == subgraphs.end())
        continue;
      std::string rest = name.substr(dot + 1);
      const auto &list = into ? it->second.inputs : it->second.outputs;
      for (const auto &[key, port] : list)
        if (key == rest)
          return port;
      fail(where + ": nested graph '" + name.substr(0, dot) + "' has no " +
           kind + " node '" + rest + "' (its " + kind + " nodes: " +
           portNames(list) + ")");
    }
    fail(where + ": no node '" + name + "'");
  }

  /// A root graph without Input (Output) nodes of its own, such as one whose
  /// only node is a nested graph, takes the nested Input (Output) nodes that
  /// no edge reaches as the network's inputs (outputs).
  void exposeNestedPorts(const Node &graph) {
    if (!hasRootInput) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(builder.getInsertionBlock());
      for (auto &[key, sinkOp, shape] : nestedInputs) {
        Operation *sink = sinkOp;
        auto s = llvm::find_if(sums, [&](auto &e) { return e.first == sink; });
        if (!s->second.empty())
          continue;
        if (shape.empty())
          fail("node '" + key + "' (Input): missing 'shape'");
        s->second.push_back(
            builder.create<InputOp>(nodeLoc(key), tensorType(shape), key));
        hasRootInput = true;
      }
    }
    if (!hasRootOutput)
      for (auto &[key, sink] : nestedOutputs)
        if (!used.contains(sink->getResult(0))) {
          builder.create<OutputOp>(nodeLoc(key), sink->getResult(0), key);
          hasRootOutput = true;
        }
    if (!hasRootInput)
      fail(graph.where() + ": no Input node (the graph and its nested graphs "
                           "have none that an edge does not already feed)");
    if (!hasRootOutput)
      fail(graph.where() + ": no Output node");
  }

  /// The 'shape' of an Input node, checked; empty when absent and optional.
  SmallVector<int64_t> inputShape(const Node &n, bool required) {
    SmallVector<int64_t> dims;
    if (!required && !n.has("shape"))
      return dims;
    Array shape = n.numeric("shape");
    if (shape.values.empty())
      fail(n.where() + ": 'shape' is empty");
    for (double d : shape.values) {
      if (!(d >= 1 && d < 1e15) || d != std::floor(d))
        fail(n.where() + ": 'shape' has a dimension that is not a whole "
                         "number in [1, 1e15) (" +
             formatNumber(d) + ")");
      dims.push_back(static_cast<int64_t>(d));
    }
    return dims;
  }

  /// snnTorch writes nested graphs whose edges name a node by a shorter key
  /// than the group it stored ('lif' for nodes/lif1). An edge end that names
  /// no node is mapped to the one node that no edge names and whose key
  /// starts with it; a warning says so. Anything else stays an error.
  void repairEdgeNames(const Node &graph,
                       std::vector<std::pair<std::string, std::string>> &edges,
                       const std::vector<std::string> &keys) {
    llvm::StringSet<> known, named;
    for (const std::string &key : keys)
      known.insert(key);
    for (auto &[from, to] : edges) {
      named.insert(from);
      named.insert(to);
    }
    llvm::StringMap<std::string> renamed;
    for (const auto &entry : named) {
      StringRef name = entry.getKey();
      if (known.count(name))
        continue;
      std::string match;
      int matches = 0;
      for (const std::string &key : keys)
        if (!named.count(key) && StringRef(key).starts_with(name)) {
          match = key;
          ++matches;
        }
      if (matches != 1)
        continue;
      emitWarning(nodeLoc(graph.key.empty() ? "graph" : graph.key))
          << "edges name '" << name << "', which is not a node of "
          << (graph.key.empty() ? "the graph" : "'" + graph.key + "'")
          << "; using '" << match << "', the only unconnected node with "
          << "that prefix";
      renamed[name] = match;
    }
    for (auto &[from, to] : edges) {
      if (auto it = renamed.find(from); it != renamed.end())
        from = it->second;
      if (auto it = renamed.find(to); it != renamed.end())
        to = it->second;
    }
  }

  /// Gives every placeholder sum its operands; a sum of one value is replaced
  /// by that value.
  void resolveSums() {
    for (auto &[add, inputs] : sums) {
      if (inputs.empty())
        fail("node '" + StringRef(spikec::nodeName(add)).drop_back(4).str() +
             "' has no incoming edge");
      add->setOperands(inputs);
    }
    // Read the operand, not `inputs`: folding an earlier sum may have
    // replaced the value this one reads.
    for (auto &[add, inputs] : sums)
      if (add->getNumOperands() == 1 && add->getOperand(0) != add.getResult()) {
        add.getResult().replaceAllUsesWith(add->getOperand(0));
        add.erase();
      }
  }
};

} // namespace

OwningOpRef<ModuleOp> spikec::importNIRTree(const json &tree, StringRef path,
                                            MLIRContext *ctx,
                                            const ImportOptions &options) {
  ctx->loadDialect<SNNDialect>();
  NIRImporter importer(ctx, path, options);
  OwningOpRef<ModuleOp> module = runTreeImporter(
      tree, path, ctx, "NIR", [&] { return importer.run(tree); });
  if (!module)
    return nullptr;
  // NIR often stores no shapes between layers: infer them, then check.
  // Types are only complete after that, so verify last.
  for (NetworkOp net : module->getOps<NetworkOp>())
    if (failed(inferShapes(net)))
      return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}
