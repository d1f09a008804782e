//===- Simulator.h - the float reference simulator --------------*- C++ -*-===//
//
// Executes a discretized snn.network timestep by timestep in double
// precision, by the forward-Euler rules of DESIGN.md section 3. It is the
// golden model for float semantics; every other execution of a network is
// compared against it or against its quantized sibling.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_REFERENCE_SIMULATOR_H
#define SPIKEC_REFERENCE_SIMULATOR_H

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/IO/Trace.h"
// counterUniform, the rate encoder's draws, for tools that draw the same.
#include "spikec/Kernels/Encoders.h"

#include <map>
#include <string>
#include <vector>

namespace spikec::ref {

struct SimOptions {
  snn::Sync sync = snn::Sync::Layer;
  int64_t timesteps = 0;
  /// "<node>:<var>" where var is a state name of the node's population
  /// (v, i, a, u) or "out" for any node's output value.
  std::vector<std::string> probes;
  /// Probes given by op rather than by name, for tools that walk the IR
  /// (calibration): `var` of `op` recorded as trace.probes[key].
  struct OpProbe {
    mlir::Operation *op;
    std::string var;
    std::string key;
  };
  std::vector<OpProbe> opProbes;
};

/// Runs `net`, which must be discretized and fully shaped.
///
/// Semantics beyond SNNOps.td that the simulator fixes (the contract other
/// executions are checked against):
/// - state starts at 0 (Izhikevich: v = c, u = b c); row t of every output
///   and probe is the value after step t;
/// - absent per-step parameters: gain 1, bias 0, syn_gain 1, v_reset 0;
/// - timing = pre: spike = v(prev) > theta, then the update, then the reset
///   of the updated membrane; timing = post: spike = v' > theta;
/// - refractory: for `refractory` steps after a spike the membrane is held
///   and emits nothing; a CUBA synaptic current keeps integrating its input
///   and an ALIF adaptation keeps decaying meanwhile;
/// - encode_latency fixes each element's offset from its value at the first
///   step of every window (so it spikes at most once per window);
///   round() is half away from zero;
/// - a delay whose steps are all >= 1 holds steps - 1 internally, the
///   schedule's late edge supplying the last one;
/// - edges the schedule marks delayed read the producer's previous-step
///   value (zero before step 0). Fails with a
/// diagnostic on `net` when the inputs do not match the network (a missing
/// input, a row of the wrong width, fewer rows than timesteps), a probe names
/// no node or variable, or the network is not in per-step form.
mlir::FailureOr<Trace> simulate(snn::NetworkOp net, const InputRows &inputs,
                                const SimOptions &options);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_SIMULATOR_H
