//===- Simulator.cpp - the float reference simulator ----------------------===//
//
// Runs a discretized snn.network step by step in double precision: checks
// that the network is shaped, discretized and given its inputs, builds every
// op's kernel (FloatKernels.h) in schedule order and runs them on the shared
// engine (Engine.h). An edge the schedule delays reads its producer's value
// of the previous step, so that value keeps a ring of two steps.
//
//===----------------------------------------------------------------------===//

#include "spikec/Reference/Simulator.h"
#include "spikec/Reference/RunChecks.h"

#include "Engine.h"
#include "FloatKernels.h"

#include "spikec/Support/LocationName.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace spikec::snn;

namespace spikec::ref {

FailureOr<Trace> simulate(NetworkOp net, const InputRows &inputs,
                          const SimOptions &options) {
  const int64_t T = options.timesteps;
  if (T <= 0)
    return net.emitError() << "timesteps must be > 0, got " << T;

  Block &body = net.getBodyBlock();

  // The network must be shaped and in per-step form.
  for (Operation &op : body) {
    for (Value v : op.getOperands()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || !type.hasStaticShape())
        return net.emitError()
               << "network is not shaped: an operand of "
               << describeOp(&op, /*qualified=*/true) << " has type "
               << v.getType() << " (run snn-infer-shapes)";
    }
    for (Value v : op.getResults()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || !type.hasStaticShape())
        return net.emitError()
               << "network is not shaped: "
               << describeOp(&op, /*qualified=*/true) << " has type "
               << v.getType() << " (run snn-infer-shapes)";
      if (type.getNumElements() > INT32_MAX)
        return net.emitError() << describeOp(&op, /*qualified=*/true) << " has "
                               << type.getNumElements()
                               << " elements, more than the simulator indexes";
    }
    if (auto neuron = dyn_cast<NeuronOpInterface>(op);
        neuron && !neuron.isDiscrete())
      return net.emitError()
             << "network is not discretized: "
             << describeOp(&op, /*qualified=*/true)
             << " has continuous-time parameters (run snn-discretize)";
  }

  if (failed(engine::checkInputs<InputOp>(net, body, inputs, T,
                                          "snn.input of the network")))
    return failure();

  auto schedule = computeSchedule(net, options.sync);
  if (failed(schedule))
    return failure();

  Trace trace;
  trace.timesteps = T;
  engine::allocateOutputs<OutputOp>(body, trace);

  // Kernels in schedule order.
  engine::Engine<double> sim(net, body, "network");
  for (Operation *op : schedule->order) {
    auto kernel = fsim::buildKernel(net, op, inputs, trace);
    if (failed(kernel))
      return failure();
    if (auto neuron = dyn_cast<NeuronOpInterface>(op))
      (*kernel)->spiking = neuron.isSpiking();
    auto lag = [&](OpOperand &use) -> int64_t {
      return schedule->isDelayed(op, use.getOperandNumber()) ? 1 : 0;
    };
    if (failed(sim.add(op, std::move(*kernel), lag)))
      return failure();
  }

  // Probes: all named ones resolved before any is set up.
  std::vector<std::pair<std::string, ProbeTarget>> targets;
  auto varsOf = [](Operation *op) {
    std::string vars;
    if (auto neuron = dyn_cast<NeuronOpInterface>(op))
      for (StringRef s : neuron.getStateNames())
        vars += s.str() + ", ";
    return vars + "out";
  };
  for (const std::string &spec : options.probes) {
    auto target = resolveProbe(net, body, spec, nodeName, varsOf);
    if (failed(target))
      return failure();
    targets.push_back({spec, *target});
  }
  for (const SimOptions::OpProbe &p : options.opProbes)
    targets.push_back({p.key, ProbeTarget{p.op, p.var}});
  // Only the state variables the op declares can be probed.
  auto stateOf = [&](Operation *op, StringRef var) -> const double * {
    auto neuron = dyn_cast<NeuronOpInterface>(op);
    if (!neuron || !llvm::is_contained(neuron.getStateNames(), var))
      return nullptr;
    return sim.kernel(op)->state(var);
  };
  for (auto &[spec, target] : targets)
    if (failed(sim.probe(spec, target, stateOf, varsOf, trace)))
      return failure();

  sim.run(trace);
  return trace;
}

} // namespace spikec::ref
