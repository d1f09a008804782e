//===- NIRExport.cpp - the snn dialect back to NIR HDF5 -------------------===//
//
// The inverse of NIRImport.cpp for the ops that have a NIR meaning, so that a
// network round-trips NIR -> snn -> NIR with identical parameters. Per-neuron
// parameters are written at the population's full shape, as exporters do.
//
//===----------------------------------------------------------------------===//

#include "spikec/Import/Export.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Support/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FileSystem.h"

#include <H5Cpp.h>

#include <functional>

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;

namespace {

struct Refused {
  Operation *op;
  std::string message;
};

class NIRWriter {
public:
  explicit NIRWriter(NetworkOp net) : net(net) {}

  void write(const std::string &path) {
    assignKeys();
    H5::H5File file(path, H5F_ACC_TRUNC);
    H5::Group root = file.openGroup("/");
    string(root, "version", "0.2.0");
    H5::Group graph = file.createGroup("/node");
    string(graph, "type", "NIRGraph");
    H5::Group nodes = graph.createGroup("nodes");
    std::vector<std::pair<std::string, std::string>> edges;
    for (Operation &op : net.getBodyBlock()) {
      if (isa<AddOp>(op))
        continue;
      H5::Group g = nodes.createGroup(keys[&op]);
      writeNode(&op, g);
      for (Value in : op.getOperands())
        for (Operation *src : sources(in))
          edges.emplace_back(keys[src], keys[&op]);
    }
    writeEdges(graph, edges);
  }

private:
  NetworkOp net;
  llvm::DenseMap<Operation *, std::string> keys;

  [[noreturn]] void refuse(Operation *op, const std::string &why) {
    throw Refused{op, why};
  }

  void assignKeys() {
    llvm::StringSet<> used;
    unsigned counter = 0;
    for (Operation &op : net.getBodyBlock()) {
      if (isa<AddOp>(op))
        continue;
      std::string key = spikec::nodeName(&op);
      while (key.empty() || used.count(key))
        key = op.getName().stripDialect().str() + "_" +
              std::to_string(counter++);
      used.insert(key);
      keys[&op] = key;
    }
  }

  /// The ops whose outputs are summed into `v` (through snn.add), in operand
  /// order, so that a re-import builds the same sums.
  SmallVector<Operation *> sources(Value v) {
    SmallVector<Operation *> out;
    llvm::DenseSet<Operation *> seen;
    std::function<void(Value)> visit = [&](Value x) {
      Operation *def = x.getDefiningOp();
      auto add = dyn_cast<AddOp>(def);
      if (!add) {
        out.push_back(def);
        return;
      }
      if (seen.insert(def).second)
        for (Value in : add.getInputs())
          visit(in);
    };
    visit(v);
    return out;
  }

  static std::vector<hsize_t> dims(ArrayRef<int64_t> shape) {
    return std::vector<hsize_t>(shape.begin(), shape.end());
  }
  static H5::DataSpace space(ArrayRef<int64_t> shape) {
    if (shape.empty())
      return H5::DataSpace(H5S_SCALAR);
    auto d = dims(shape);
    return H5::DataSpace(d.size(), d.data());
  }

  static void string(H5::Group &g, const std::string &name,
                     const std::string &value) {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    H5::DataSet ds =
        g.createDataSet(name, type, H5::DataSpace(H5S_SCALAR));
    ds.write(value, type);
  }

  static void floats(H5::Group &g, const std::string &name,
                     ArrayRef<int64_t> shape, ArrayRef<float> values) {
    H5::DataSet ds =
        g.createDataSet(name, H5::PredType::NATIVE_FLOAT, space(shape));
    ds.write(values.data(), H5::PredType::NATIVE_FLOAT);
  }

  static void ints(H5::Group &g, const std::string &name,
                   ArrayRef<int64_t> values, bool scalar = false) {
    SmallVector<int64_t> shape;
    if (!scalar)
      shape.push_back(values.size());
    H5::DataSet ds =
        g.createDataSet(name, H5::PredType::NATIVE_INT64, space(shape));
    ds.write(values.data(), H5::PredType::NATIVE_INT64);
  }

  static ArrayRef<int64_t> shapeOf(Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  }

  /// A parameter at the full population shape; `fallback` when absent.
  void param(H5::Group &g, const std::string &name, Attribute attr,
             Value population, double fallback = 0.0) {
    ArrayRef<int64_t> shape = shapeOf(population);
    std::vector<float> values;
    if (!attr) {
      int64_t n = 1;
      for (int64_t d : shape)
        n *= d;
      values.assign(n, static_cast<float>(fallback));
    } else {
      std::optional<std::vector<double>> expanded = expandParam(attr, shape);
      if (!expanded)
        refuse(population.getDefiningOp(),
               "parameter '" + name + "' does not broadcast or has no data");
      for (double v : *expanded)
        values.push_back(static_cast<float>(v));
    }
    floats(g, name, shape, values);
  }

  void blob(Operation *op, H5::Group &g, const std::string &name,
            DenseF32ResourceElementsAttr attr) {
    auto data = getWeightData(attr);
    if (!data)
      refuse(op, "'" + name + "' has no data (missing resource blob)");
    floats(g, name, attr.getType().getShape(), *data);
  }

  template <typename Op>
  void spiking(Op op, H5::Group &g) {
    if (op.getReset() != ResetMode::ToVReset)
      refuse(op, "a reset other than to v_reset has no NIR meaning");
    if (op.getTiming() != SpikeTiming::Post)
      refuse(op, "spiking on the previous membrane has no NIR meaning");
    if (op.getRefractory() != 0)
      refuse(op, "a refractory period has no NIR meaning");
    param(g, "v_threshold", op.getVThreshold(), op.getResult());
    if (op.getVResetAttr())
      param(g, "v_reset", op.getVResetAttr(), op.getResult());
  }

  void continuousOnly(NeuronOpInterface op) {
    if (op.isDiscrete())
      refuse(op, "has per-step parameters; NIR holds continuous-time ones "
                 "(export before snn-discretize)");
  }

  void writeNode(Operation *op, H5::Group &g) {
    if (auto neuron = dyn_cast<NeuronOpInterface>(op))
      continuousOnly(neuron);
    llvm::TypeSwitch<Operation *>(op)
        .Case([&](InputOp in) {
          string(g, "type", "Input");
          ints(g, "shape", shapeOf(in.getResult()));
        })
        .Case([&](OutputOp out) {
          string(g, "type", "Output");
          ints(g, "shape", shapeOf(out.getInput()));
        })
        .Case([&](AffineOp a) {
          string(g, "type", "Affine");
          blob(op, g, "weight", a.getWeight());
          if (a.getBiasAttr())
            blob(op, g, "bias", a.getBiasAttr());
        })
        .Case([&](LinearOp l) {
          string(g, "type", "Linear");
          blob(op, g, "weight", l.getWeight());
        })
        .Case([&](ScaleOp s) {
          string(g, "type", "Scale");
          param(g, "scale", s.getScale(), s.getResult());
        })
        .Case([&](ThresholdOp t) {
          string(g, "type", "Threshold");
          param(g, "threshold", t.getThreshold(), t.getResult());
        })
        .Case([&](Conv1dOp c) { conv(c, g, "Conv1d"); })
        .Case([&](Conv2dOp c) { conv(c, g, "Conv2d"); })
        .Case([&](SumPool2dOp p) { pool(p, g, "SumPool2d"); })
        .Case([&](AvgPool2dOp p) { pool(p, g, "AvgPool2d"); })
        .Case([&](FlattenOp f) {
          string(g, "type", "Flatten");
          ints(g, "start_dim", {static_cast<int64_t>(f.getStartDim())}, true);
          ints(g, "end_dim", {static_cast<int64_t>(f.getEndDim())}, true);
          ints(g, "input_type", shapeOf(f.getInput()));
        })
        .Case([&](DelayOp d) {
          string(g, "type", "Delay");
          param(g, "delay", d.getDelayAttr(), d.getResult());
        })
        .Case([&](IntegratorOp i) {
          string(g, "type", "I");
          param(g, "r", i.getRAttr(), i.getResult());
        })
        .Case([&](IFOp i) {
          string(g, "type", "IF");
          param(g, "r", i.getRAttr(), i.getResult());
          spiking(i, g);
        })
        .Case([&](LIOp l) {
          string(g, "type", "LI");
          leaky(l, g);
        })
        .Case([&](LIFOp l) {
          string(g, "type", "LIF");
          leaky(l, g);
          spiking(l, g);
        })
        .Case([&](CubaLIOp c) {
          string(g, "type", "CubaLI");
          cuba(c, g);
        })
        .Case([&](CubaLIFOp c) {
          string(g, "type", "CubaLIF");
          cuba(c, g);
          spiking(c, g);
        })
        .Default([&](Operation *other) {
          refuse(other, "has no NIR equivalent");
        });
  }

  template <typename Op>
  void leaky(Op op, H5::Group &g) {
    param(g, "tau", op.getTauAttr(), op.getResult());
    param(g, "r", op.getRAttr(), op.getResult(), 1.0);
    param(g, "v_leak", op.getVLeakAttr(), op.getResult(), 0.0);
  }

  template <typename Op>
  void cuba(Op op, H5::Group &g) {
    param(g, "tau_syn", op.getTauSynAttr(), op.getResult());
    param(g, "tau_mem", op.getTauAttr(), op.getResult());
    param(g, "r", op.getRAttr(), op.getResult(), 1.0);
    param(g, "v_leak", op.getVLeakAttr(), op.getResult(), 0.0);
    param(g, "w_in", op.getWInAttr(), op.getResult(), 1.0);
  }

  template <typename Op>
  void conv(Op op, H5::Group &g, const std::string &type) {
    string(g, "type", type);
    blob(op, g, "weight", op.getWeight());
    if (op.getBiasAttr())
      blob(op, g, "bias", op.getBiasAttr());
    // NIR's Conv1d takes ints (its reader refuses 1-element arrays there);
    // Conv2d takes pairs.
    bool one = op.getStride().size() == 1;
    ints(g, "stride", op.getStride(), one);
    ints(g, "padding", op.getPadding(), one);
    ints(g, "dilation", op.getDilation(), one);
    ints(g, "groups", {static_cast<int64_t>(op.getGroups())}, true);
    ints(g, "input_shape", shapeOf(op.getInput()).drop_front(), one);
  }

  template <typename Op>
  void pool(Op op, H5::Group &g, const std::string &type) {
    string(g, "type", type);
    ints(g, "kernel_size", op.getKernelSize());
    ints(g, "stride", op.getStride());
    ints(g, "padding", op.getPadding());
  }

  static void writeEdges(H5::Group &graph,
                         const std::vector<std::pair<std::string, std::string>>
                             &edges) {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    std::vector<const char *> flat;
    for (const auto &[from, to] : edges) {
      flat.push_back(from.c_str());
      flat.push_back(to.c_str());
    }
    hsize_t d[2] = {edges.size(), 2};
    H5::DataSet ds =
        graph.createDataSet("edges", type, H5::DataSpace(2, d));
    if (!flat.empty())
      ds.write(flat.data(), type);
  }
};

} // namespace

LogicalResult spikec::exportNIR(NetworkOp net, StringRef path) {
  for (Operation &op : net.getBodyBlock())
    for (Value v : op.getResults())
      if (auto t = dyn_cast<RankedTensorType>(v.getType());
          !t || !t.hasStaticShape())
        return op.emitOpError("needs a static shape to be exported to NIR "
                              "(run snn-infer-shapes)");
  // HDF5 writes by file name: into OutputFile's temporary, renamed at the
  // end, so that a failure leaves no half-written file behind.
  OutputFile out;
  if (std::string why = out.open(path); !why.empty())
    return net.emitError() << why;
  H5::Exception::dontPrint();
  LogicalResult written = failure();
  try {
    NIRWriter(net).write(out.writtenPath().str());
    written = success();
  } catch (const Refused &r) {
    r.op->emitOpError() << r.message;
  } catch (const H5::Exception &e) {
    net.emitError() << "cannot write NIR file '" << path
                    << "': " << e.getDetailMsg();
  }
  if (failed(written))
    return failure(); // ~OutputFile removes the temporary
  if (std::string why = out.commit(); !why.empty())
    return net.emitError() << why;
  return success();
}
