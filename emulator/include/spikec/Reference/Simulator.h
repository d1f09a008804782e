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
};

struct Trace {
  int64_t timesteps = 0;
  std::map<std::string, Rows> outputs; // by snn.output name
  std::map<std::string, Rows> probes;  // by probe string
};

/// Runs `net`, which must be discretized and fully shaped. Fails with a
/// diagnostic on `net` when the inputs do not match the network (a missing
/// input, a row of the wrong width, fewer rows than timesteps), a probe names
/// no node or variable, or the network is not in per-step form.
mlir::FailureOr<Trace> simulate(snn::NetworkOp net, const InputRows &inputs,
                                const SimOptions &options);

/// The counter-based uniform random number in [0, 1) used by the rate encoder:
/// splitmix64 over (seed, step, index). Public so other tools draw the same.
double counterUniform(uint64_t seed, uint64_t step, uint64_t index);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_SIMULATOR_H
