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

#include <map>
#include <string>
#include <vector>

namespace spikec::ref {

/// T rows, each one timestep's flattened tensor.
using Rows = std::vector<std::vector<double>>;

/// One entry per network input (by snn.input name).
using InputRows = std::map<std::string, Rows>;

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

/// Work counters of one run (NeuroBench-style counts).
struct SimStats {
  /// Weighted projection updates actually applied: for affine, linear and
  /// sparse, the stored synapses of every nonzero input; for convolutions,
  /// every in-bounds kernel tap of every nonzero input.
  uint64_t synapticEvents = 0;
  /// State updates of neuron populations (li, lif, if, integrator, cuba_*,
  /// alif, izhikevich): population size per step. Encoders and delays are
  /// not counted.
  uint64_t neuronUpdates = 0;
  /// Spikes emitted by spiking populations and spiking encoders.
  uint64_t spikes = 0;
};

struct Trace {
  int64_t timesteps = 0;
  std::map<std::string, Rows> outputs; // by snn.output name
  std::map<std::string, Rows> probes;  // by probe string
  SimStats stats;
  /// Spikes emitted by each spiking population and encoder over the run, by
  /// node name (or op name and position when the op has none).
  std::map<std::string, uint64_t> spikesPerNode;
  /// Quantized reference only: neuron-steps of each population whose
  /// arithmetic left its range (a dendritic sum wrapped, a membrane
  /// saturated), by node name. A scale calibrated on other inputs can let
  /// this happen; the quantizer's worst-case scales cannot.
  std::map<std::string, uint64_t> overflowsPerNode;
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

/// The counter-based uniform random number in [0, 1) used by the rate encoder:
/// splitmix64 over (seed, step, index). Public so other tools draw the same.
/// Exactly: with mix(z) the splitmix64 finalizer of z + 0x9e3779b97f4a7c15
/// (shifts 30, 27, 31; multipliers 0xbf58476d1ce4e5b9, 0x94d049bb133111eb),
/// h = mix(mix(mix(seed) ^ step) ^ index) and the result is (h >> 11) * 2^-53.
double counterUniform(uint64_t seed, uint64_t step, uint64_t index);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_SIMULATOR_H
