//===- QuantizedSimulator.cpp - the quantized reference simulator ---------===//
//
// Runs an nc.graph step by step in integer arithmetic, on the engine the
// float reference simulator runs on too (Engine.h). Every op becomes a kernel
// built once before the time loop (tables copied out of their blobs,
// parameters expanded, state and accumulators sized), in the order of the
// chip's timing: an edge out of an input or a population delivers one step
// late, plus a synapse table's delay. Every tensor lists its nonzero
// entries, so synapse tables touch only the synapses of active pre neurons.
//
//===----------------------------------------------------------------------===//

#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Dialect/NC/NCEncoder.h"
#include "spikec/Kernels/Encoders.h"
#include "spikec/Kernels/EventEncoder.h"
#include "spikec/Reference/RunChecks.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/LocationName.h"

#include "QSimKernels.h"

#include "spikec/Dialect/NC/NCModels.h"
#include "spikec/Target/LoihiModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>

using namespace mlir;
using namespace spikec::nc;

namespace spikec::ref {
namespace qsim {

void PopulationNode::step(int64_t t, SimStats &stats) {
  const Buf &x = ins[0].get(t);
  Buf &o = out->at(t);
  if (resetPeriod > 0 && t % resetPeriod == resetPhase)
    model->resetState();
  model->update(x.v.data(), o.v.data());
  o.nz.clear();
  for (int32_t i = 0, n = static_cast<int32_t>(o.v.size()); i < n; ++i)
    if (o.v[i] != 0)
      o.nz.push_back(i);
  stats.neuronUpdates += o.v.size();
  if (spiking)
    emitted(stats, o.nz.size());
}

namespace {

/// An nc.input: the host's encoder (EventEncoder.h, shared with the
/// emulator) on the input's rows.
class InputKernel : public Kernel, public EventEncoder {
public:
  void step(int64_t t, SimStats &stats) override {
    Buf &o = out->at(t);
    o.nz.clear();
    const int32_t n = static_cast<int32_t>(o.v.size());
    encode((*rows)[t].data(), t, o.v.data(), n);
    for (int32_t i = 0; i < n; ++i)
      if (o.v[i] != 0)
        o.nz.push_back(i);
    if (spiking)
      emitted(stats, o.nz.size());
  }

  const Rows *rows = nullptr;
};

class SynapsesKernel : public Kernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const Buf &x = ins[0].get(t);
    for (int32_t p : x.nz) {
      const int64_t a = x.v[p];
      const int32_t begin = offsets[p], end = offsets[p + 1];
      dendrite::accumulate(acc.data(), targets.data(), weights.data(), begin,
                           end, a);
      stats.synapticEvents += uint64_t(end - begin);
    }
    Buf &o = out->at(t);
    o.nz.clear();
    for (int32_t j = 0, n = static_cast<int32_t>(acc.size()); j < n; ++j) {
      o.v[j] = dendrite::scaleGroupSum(acc[j], weightExp);
      acc[j] = 0;
      if (o.v[j] != 0)
        o.nz.push_back(j);
    }
  }
  std::vector<int32_t> offsets, targets, weights;
  int weightExp = 0;
  std::vector<int64_t> acc; // one per post neuron, zero between steps
};

class SumKernel : public Kernel {
public:
  void step(int64_t t, SimStats &) override {
    for (const InRef &in : ins) {
      const Buf &x = in.get(t);
      for (int32_t i : x.nz)
        acc[i] += x.v[i];
    }
    Buf &o = out->at(t);
    o.nz.clear();
    for (int32_t i = 0, n = static_cast<int32_t>(acc.size()); i < n; ++i) {
      o.v[i] = dendrite::combineGroupSums(acc[i]);
      acc[i] = 0;
      if (o.v[i] != 0)
        o.nz.push_back(i);
    }
  }
  std::vector<int64_t> acc;
};

//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

using engine::numElements;

/// Whether the value `v` reaches `user` one step late.
int64_t edgeLag(Value v, Operation *user) {
  int64_t lag = 0;
  if (isa_and_nonnull<InputOp, PopulationOp>(v.getDefiningOp()) &&
      !isa<OutputOp>(user))
    lag = 1;
  if (auto syn = dyn_cast<SynapsesOp>(user))
    lag += static_cast<int64_t>(syn.getDelay());
  return lag;
}

class Builder {
public:
  Builder(GraphOp graph, const InputRows &inputs, Trace &trace)
      : graph(graph), inputs(inputs), trace(trace) {}

  FailureOr<KernelPtr> build(Operation *op);

private:
  InFlightDiagnostic fail(Operation *op) {
    return graph.emitError()
           << "cannot simulate " << describeOp(op, /*qualified=*/true) << ": ";
  }
  FailureOr<KernelPtr> input(InputOp op);
  FailureOr<KernelPtr> synapses(SynapsesOp op);
  FailureOr<KernelPtr> population(PopulationOp op);

  GraphOp graph;
  const InputRows &inputs;
  Trace &trace;
};

FailureOr<KernelPtr> Builder::input(InputOp op) {
  auto k = std::make_unique<InputKernel>();
  k->rows = &inputs.at(op.getName().str());
  DictionaryAttr enc = op.getEncoderAttr();
  if (!enc)
    return KernelPtr(std::move(k));
  std::string why = nc::configureEncoder(*k, enc);
  if (!why.empty())
    return graph.emitError() << "input '" << op.getName() << "': " << why;
  k->spiking = k->emitsSpikes();
  k->resize(size_t(numElements(op.getResult())));
  return KernelPtr(std::move(k));
}

FailureOr<KernelPtr> Builder::synapses(SynapsesOp op) {
  auto offsets = op.getOffsets().tryGetAsArrayRef();
  auto targets = op.getTargets().tryGetAsArrayRef();
  auto weights = op.getWeights().tryGetAsArrayRef();
  if (!offsets || !targets || !weights) {
    fail(op) << "synapse table has no data (missing resource blob)";
    return failure();
  }
  int64_t pre = numElements(op.getInput()), post = numElements(op.getOut());
  // The verifier checks the table; a graph built without it must still not
  // make the loop read out of bounds.
  bool ok = int64_t(offsets->size()) == pre + 1 &&
            targets->size() == weights->size() && (*offsets)[0] == 0 &&
            size_t(offsets->back()) == targets->size();
  for (int64_t p = 0; ok && p < pre; ++p)
    ok = (*offsets)[p] <= (*offsets)[p + 1];
  for (size_t i = 0; ok && i < targets->size(); ++i)
    ok = (*targets)[i] >= 0 && (*targets)[i] < post;
  if (!ok) {
    fail(op) << "malformed synapse table (run the verifier)";
    return failure();
  }
  int64_t exp = op.getWeightExp();
  if (exp < -62 || exp > 62) {
    fail(op) << "weight_exp " << exp << " is outside [-62, 62]";
    return failure();
  }
  auto k = std::make_unique<SynapsesKernel>();
  k->offsets.assign(offsets->begin(), offsets->end());
  k->targets.assign(targets->begin(), targets->end());
  k->weights.assign(weights->begin(), weights->end());
  k->weightExp = static_cast<int>(exp);
  k->acc.assign(post, 0);
  return KernelPtr(std::move(k));
}

FailureOr<KernelPtr> Builder::population(PopulationOp op) {
  const NCModel *model = lookupNCModel(op.getModel());
  if (!model) {
    fail(op) << "model '" << op.getModel()
             << "' has no quantized reference (known: " << knownNCModels()
             << ")";
    return failure();
  }
  std::vector<std::vector<int32_t>> values;
  for (StringRef name : model->params) {
    auto v = op.getParam(name);
    if (!v) {
      fail(op) << "parameter '" << name << "' is missing or has not "
               << op.getSize() << " values";
      return failure();
    }
    values.push_back(std::move(*v));
  }
  std::string why;
  auto k = std::make_unique<PopulationNode>();
  k->model = makeCheckedPopulationKernel(*model, values, op.getSize(), why);
  if (!k->model) {
    fail(op) << why;
    return failure();
  }
  if (auto reset = op.getStateResetAttr()) {
    k->resetPeriod = reset[0];
    k->resetPhase = reset[1];
    if (!k->model->resetState()) {
      fail(op) << "state_reset: model '" << op.getModel()
               << "' cannot reset its state";
      return failure();
    }
  }
  // Every nonzero output is an event: a spike, or a nonzero multi-bit
  // activation (akida), which the chip sends as one event too. A readout's
  // output is its membrane, which it never sends.
  k->spiking = !model->readout;
  return KernelPtr(std::move(k));
}

FailureOr<KernelPtr> Builder::build(Operation *op) {
  if (auto o = dyn_cast<InputOp>(op))
    return input(o);
  if (auto o = dyn_cast<OutputOp>(op))
    return KernelPtr(std::make_unique<engine::OutputKernel<int32_t>>(
        &trace.outputs[o.getName().str()]));
  if (auto o = dyn_cast<SynapsesOp>(op))
    return synapses(o);
  if (isa<SumOp>(op)) {
    auto k = std::make_unique<SumKernel>();
    k->acc.assign(numElements(op->getResult(0)), 0);
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<PopulationOp>(op))
    return population(o);
  fail(op) << "the quantized reference simulator does not know this op";
  return failure();
}

} // namespace
} // namespace qsim

//===----------------------------------------------------------------------===//
// simulateQuantized
//===----------------------------------------------------------------------===//

FailureOr<Trace> simulateQuantized(GraphOp graph, const InputRows &inputs,
                                   const QSimOptions &options) {
  const int64_t T = options.timesteps;
  if (T <= 0)
    return graph.emitError() << "timesteps must be > 0, got " << T;

  Block &body = graph.getBodyBlock();

  for (Operation &op : body) {
    SmallVector<Value> values(op.getOperands());
    llvm::append_range(values, op.getResults());
    for (Value v : values) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || !type.hasStaticShape())
        return graph.emitError()
               << describeOp(&op, /*qualified=*/true) << " has type "
               << v.getType() << ", not a static tensor";
      if (type.getNumElements() > INT32_MAX)
        return graph.emitError() << describeOp(&op, /*qualified=*/true)
                                 << " has " << type.getNumElements()
                                 << " elements, more than the simulator "
                                    "indexes";
    }
  }

  // Inputs: the shared checks, then what only integer events need.
  if (failed(engine::checkInputs<InputOp>(graph, body, inputs, T,
                                          "nc.input of the graph")))
    return failure();
  for (auto in : body.getOps<InputOp>()) {
    std::string name = in.getName().str();
    bool encoded = static_cast<bool>(in.getEncoderAttr());
    for (auto [r, row] : llvm::enumerate(inputs.at(name))) {
      for (auto [i, x] : llvm::enumerate(row)) {
        if (!std::isfinite(x))
          return graph.emitError()
                 << "input '" << name << "': row " << r << ", element " << i
                 << " is " << formatExact(x) << ", not a finite number";
        if (!encoded && (x != std::trunc(x) || x < double(INT32_MIN) ||
                         x > double(INT32_MAX)))
          return graph.emitError()
                 << "input '" << name << "': row " << r << ", element " << i
                 << " is " << formatExact(x)
                 << ", not an int32 (an input without an encoder takes the "
                    "events themselves)";
      }
    }
  }

  // Order: every edge that delivers in the same step goes before its user.
  llvm::DenseMap<Operation *, unsigned> pending;
  std::deque<Operation *> ready;
  std::vector<Operation *> order;
  for (Operation &op : body) {
    unsigned n = 0;
    for (Value v : op.getOperands()) {
      if (!v.getDefiningOp() || v.getDefiningOp()->getBlock() != &body)
        return graph.emitError()
               << "cannot simulate " << describeOp(&op, /*qualified=*/true)
               << ": an operand is not defined in the graph";
      if (qsim::edgeLag(v, &op) == 0)
        ++n;
    }
    pending[&op] = n;
    if (!n)
      ready.push_back(&op);
  }
  while (!ready.empty()) {
    Operation *op = ready.front();
    ready.pop_front();
    order.push_back(op);
    for (Value r : op->getResults())
      for (OpOperand &use : r.getUses())
        if (qsim::edgeLag(r, use.getOwner()) == 0)
          if (--pending[use.getOwner()] == 0)
            ready.push_back(use.getOwner());
  }
  if (order.size() != body.getOperations().size())
    for (Operation &op : body)
      if (pending[&op])
        return graph.emitError()
               << "cannot simulate " << describeOp(&op, /*qualified=*/true)
               << ": it is on a cycle that delivers in the same step";

  Trace trace;
  trace.timesteps = T;
  engine::allocateOutputs<OutputOp>(body, trace);

  qsim::Builder builder(graph, inputs, trace);
  engine::Engine<int32_t> sim(graph, body, "graph");
  for (Operation *op : order) {
    auto kernel = builder.build(op);
    if (failed(kernel))
      return failure();
    auto lag = [&](OpOperand &use) { return qsim::edgeLag(use.get(), op); };
    if (failed(sim.add(op, std::move(*kernel), lag)))
      return failure();
  }

  // Probes.
  // The state names a population kernel may answer to (NeuronKernels.h).
  auto varsOf = [&](Operation *op) {
    std::string vars;
    if (qsim::Kernel *k = sim.kernel(op))
      for (StringRef s : {"u", "v", "i", "a"})
        if (k->state(s))
          vars += s.str() + ", ";
    return vars + "out";
  };
  auto stateOf = [&](Operation *op, StringRef var) {
    return sim.kernel(op)->state(var);
  };
  for (const std::string &spec : options.probes) {
    auto target = resolveProbe(graph, body, spec, nodeName, varsOf);
    if (failed(target) ||
        failed(sim.probe(spec, *target, stateOf, varsOf, trace)))
      return failure();
  }

  sim.run(trace);
  for (Operation *op : sim.ops())
    if (auto *pk = dynamic_cast<qsim::PopulationNode *>(sim.kernel(op));
        pk && pk->model->overflows)
      trace.overflowsPerNode[engine::nodeKey(op)] += pk->model->overflows;
  return trace;
}

} // namespace spikec::ref
