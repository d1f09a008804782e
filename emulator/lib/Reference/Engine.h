//===- Engine.h - the reference simulators' one engine ----------*- C++ -*-===//
//
// Private to the reference libraries. The float simulator (snn.network, in
// double) and the quantized one (nc.graph, in int32_t) differ in their
// element type and kernels, not in their loop; this is the loop.
//
// Every result of the body is a Slot: a ring of its tensors of the last
// `depth` steps, depth being one more than the largest lag any consumer
// reads it at (a float edge the schedule delays is lag 1; a quantized edge
// out of an input or a population is lag 1, plus a synapse table's delay).
// Every op is a Kernel, built once before the loop by its simulator and
// wired here to the slot it writes and the operands it reads; the loop then
// runs the kernels in step order and copies the probes, and allocates
// nothing.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_LIB_REFERENCE_ENGINE_H
#define SPIKEC_EMULATOR_LIB_REFERENCE_ENGINE_H

#include "spikec/Reference/RunChecks.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::ref::engine {

inline int64_t numElements(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType()).getNumElements();
}

/// The name a per-node count is kept under: the node's, else the op's.
inline std::string nodeKey(mlir::Operation *op) {
  std::string name = nodeName(op);
  return name.empty() ? describeOp(op, /*qualified=*/true) : name;
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

/// One step's tensor of a value.
template <typename T> struct Buf {
  std::vector<T> v;
  /// The indices of the nonzero entries of `v`, when `nzValid`. The float
  /// kernels that know them set the flag; the quantized kernels always list
  /// them and never look at it.
  std::vector<int32_t> nz;
  bool nzValid = false;
};

/// A value: its tensors of the last `depth` steps, step t in ring[t % depth].
template <typename T> struct Slot {
  std::vector<Buf<T>> ring;
  /// What a read before step 0 sees: zero, and known to be.
  Buf<T> zero;
  int64_t size = 0;
  int64_t depth = 1;

  explicit Slot(int64_t n) : size(n) { zero.nzValid = true; }
  void allocate() {
    ring.resize(depth);
    for (Buf<T> &b : ring) {
      b.v.assign(size, T());
      b.nz.reserve(size);
    }
    if (depth > 1)
      zero.v.assign(size, T());
  }
  Buf<T> &at(int64_t t) { return ring[t % depth]; }
};

/// An operand: the value it reads and how many steps back.
template <typename T> struct InRef {
  Slot<T> *slot = nullptr;
  int64_t lag = 0;
  const Buf<T> &get(int64_t t) const {
    return t < lag ? slot->zero : slot->ring[(t - lag) % slot->depth];
  }
};

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

template <typename T> class Kernel {
public:
  virtual ~Kernel() = default;
  /// Computes step `t` into out->at(t) from the operands.
  virtual void step(int64_t t, SimStats &stats) = 0;
  /// The values of state variable `name`, or null when there is none.
  virtual const T *state(llvm::StringRef name) const { return nullptr; }

  /// Counts `n` spikes emitted this step, in the run's totals and this op's.
  void emitted(SimStats &stats, uint64_t n) {
    stats.spikes += n;
    spikesEmitted += n;
  }
  uint64_t spikesEmitted = 0;
  /// Whether spikesEmitted counts in Trace::spikesPerNode.
  bool spiking = false;

  Slot<T> *out = nullptr;
  std::vector<InRef<T>> ins;
};

/// An output: its operand's tensor copied to the trace's row of the step.
template <typename T> class OutputKernel : public Kernel<T> {
public:
  explicit OutputKernel(Rows *rows) : rows(rows) {}
  void step(int64_t t, SimStats &) override {
    const Buf<T> &x = this->ins[0].get(t);
    std::copy(x.v.begin(), x.v.end(), (*rows)[t].begin());
  }
  Rows *rows;
};

//===----------------------------------------------------------------------===//
// Checks and outputs shared by both entry points
//===----------------------------------------------------------------------===//

/// checkInputRows on the inputs `body` declares (`declaredAs` names them).
template <typename InputOp>
mlir::LogicalResult checkInputs(mlir::Operation *at, mlir::Block &body,
                                const InputRows &inputs, int64_t timesteps,
                                llvm::StringRef declaredAs) {
  std::vector<InputDecl> declared;
  for (auto in : body.getOps<InputOp>())
    declared.push_back({in.getName().str(), numElements(in.getResult())});
  return checkInputRows(at, declared, inputs, timesteps, declaredAs);
}

/// Every output's rows, allocated before the loop so that it never does.
template <typename OutputOp>
void allocateOutputs(mlir::Block &body, Trace &trace) {
  for (auto out : body.getOps<OutputOp>())
    trace.outputs[out.getName().str()] =
        Rows(trace.timesteps, std::vector<double>(numElements(out.getInput())));
}

//===----------------------------------------------------------------------===//
// The engine
//===----------------------------------------------------------------------===//

template <typename T> class Engine {
public:
  /// A slot for every result in `body`, which `at` holds; diagnostics call
  /// the body `what` ("network", "graph").
  Engine(mlir::Operation *at, mlir::Block &body, llvm::StringRef what)
      : at(at), what(what) {
    for (mlir::Operation &op : body)
      for (mlir::Value v : op.getResults()) {
        slots.push_back(std::make_unique<Slot<T>>(numElements(v)));
        slotOf[v] = slots.back().get();
      }
  }

  /// Adds `k`, op's kernel, after those added so far: it writes op's first
  /// result and reads each operand `lagOf(operand)` steps late.
  template <typename LagFn>
  mlir::LogicalResult add(mlir::Operation *op, std::unique_ptr<Kernel<T>> k,
                          LagFn &&lagOf) {
    if (op->getNumResults())
      k->out = slotOf.lookup(op->getResult(0));
    for (mlir::OpOperand &use : op->getOpOperands()) {
      InRef<T> ref{slotOf.lookup(use.get()), lagOf(use)};
      if (!ref.slot)
        return at->emitError()
               << "cannot simulate " << describeOp(op, /*qualified=*/true)
               << ": an operand is not defined in the " << what;
      ref.slot->depth = std::max(ref.slot->depth, ref.lag + 1);
      k->ins.push_back(ref);
    }
    kernelOf[op] = k.get();
    order.push_back(op);
    kernels.push_back(std::move(k));
    return mlir::success();
  }

  Kernel<T> *kernel(mlir::Operation *op) const { return kernelOf.lookup(op); }
  /// The ops added, in step order.
  llvm::ArrayRef<mlir::Operation *> ops() const { return order; }

  /// Records target.var of target.op in trace.probes[spec] at the end of
  /// every step: its value ("out"; an output's is its operand's) or the
  /// state variable `stateOf` finds (null: reported, with `varsOf`).
  template <typename StateFn>
  mlir::LogicalResult
  probe(const std::string &spec, const ProbeTarget &target, StateFn &&stateOf,
        llvm::function_ref<std::string(mlir::Operation *)> varsOf,
        Trace &trace) {
    mlir::Operation *op = target.op;
    Probe p;
    int64_t width;
    if (target.var != "out") {
      p.state = stateOf(op, target.var);
      if (!p.state)
        return at->emitError() << "probe '" << spec
                               << "': " << describeOp(op, /*qualified=*/true)
                               << " has no variable '" << target.var
                               << "' (it has " << varsOf(op) << ")";
      width = numElements(op->getResult(0));
    } else if (op->getNumResults()) {
      p.slot = slotOf.lookup(op->getResult(0));
      width = p.slot->size;
    } else {
      p.in = kernelOf.lookup(op)->ins[0];
      width = p.in.slot->size;
    }
    Rows &rows = trace.probes[spec];
    rows.assign(trace.timesteps, std::vector<double>(width));
    p.rows = &rows;
    probes.push_back(p);
    return mlir::success();
  }

  /// Runs trace.timesteps steps, then counts the spiking kernels' spikes in
  /// trace.spikesPerNode.
  void run(Trace &trace) {
    for (auto &slot : slots)
      slot->allocate();
    SimStats &stats = trace.stats;
    for (int64_t t = 0; t < trace.timesteps; ++t) {
      for (auto &k : kernels)
        k->step(t, stats);
      for (const Probe &p : probes) {
        const T *src = p.data(t);
        std::copy(src, src + (*p.rows)[t].size(), (*p.rows)[t].begin());
      }
    }
    for (mlir::Operation *op : order)
      if (Kernel<T> *k = kernelOf.lookup(op); k->spiking)
        trace.spikesPerNode[nodeKey(op)] += k->spikesEmitted;
  }

private:
  /// Where a probe reads from at the end of each step.
  struct Probe {
    Rows *rows = nullptr;
    const T *state = nullptr; // a state variable
    Slot<T> *slot = nullptr;  // a value of this step
    InRef<T> in;              // an output's operand
    const T *data(int64_t t) const {
      if (state)
        return state;
      if (slot)
        return slot->at(t).v.data();
      return in.get(t).v.data();
    }
  };

  mlir::Operation *at;
  llvm::StringRef what;
  std::vector<std::unique_ptr<Slot<T>>> slots;
  llvm::DenseMap<mlir::Value, Slot<T> *> slotOf;
  std::vector<std::unique_ptr<Kernel<T>>> kernels;
  std::vector<mlir::Operation *> order;
  llvm::DenseMap<mlir::Operation *, Kernel<T> *> kernelOf;
  std::vector<Probe> probes;
};

} // namespace spikec::ref::engine

#endif // SPIKEC_EMULATOR_LIB_REFERENCE_ENGINE_H
